import { predictionText } from '../../shared/prediction-text.ts';
import { currentLocale, t, tn } from './i18n.ts';

/** Buy-or-wait wording in the screen's language: the extension's (shared/prediction-text.ts), PWA dictionaries. */
export const predictionWords = predictionText({ t, tn, locale: currentLocale });
