import { predictionText } from '../../shared/prediction-text.ts';
import type { PredictionView } from '../messaging.ts';
import { currentLocale, t, tn } from './i18n.ts';

/**
 * The buy-or-wait answer in the shopper's language (the wording: shared/prediction-text.ts, shared with the
 * PWA). Used by the popup and the product-page widget.
 */
const text = predictionText({ t, tn, locale: currentLocale });

export const predictionHeadline = text.headline;
/** Why there is no answer. */
export const predictionMessage = text.message;
/** The features that drove the answer; older answers without drivers keep theirs. */
export const predictionReasons = text.reasons;

/** The model's record on data it never saw, one line per source, in the screen's language. */
export function heldOutLines(view: PredictionView): string[] {
  if (view.heldOutSources === undefined) return view.heldOut;
  return text.heldOutLines(view.heldOutSources);
}
