import { createTranslator, localeFor, type PluralBase, pickSupported, type Vars } from '../../shared/i18n.ts';
import { en, type MessageKey } from './locales/en.ts';

/**
 * The PWA's own text in the shopper's language: the browser's first supported language (navigator.languages),
 * else English. The machinery (placeholders, plurals, number formatting) is shared/i18n.ts, as in the
 * extension. English is part of the entry; another language's dictionary is its own chunk, loaded before the
 * first render (main.tsx) so English users download nothing more. Money, dates and region names use the
 * browser's full tag for that language (es-MX, pt-BR): currentLocale().
 */

export type { MessageKey };
export type Dictionary = Record<MessageKey, string>;

export const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One lazy chunk per language; the service worker precaches them all, so every language works offline. */
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<Dictionary>> = {
  es: () => import('./locales/es.ts').then((m) => m.es),
  pt: () => import('./locales/pt.ts').then((m) => m.pt),
  fr: () => import('./locales/fr.ts').then((m) => m.fr),
  de: () => import('./locales/de.ts').then((m) => m.de),
};

const translator = createTranslator<MessageKey>(en);

export const t: (key: MessageKey, vars?: Vars) => string = translator.t;
export const tn: (base: PluralBase<MessageKey>, count: number, vars?: Vars) => string = translator.tn;
export const currentLocale = (): string => translator.locale();

export const pickLanguage = (preferred: readonly string[]): Language =>
  pickSupported(preferred, LANGUAGES) ?? 'en';

/** Switch to the first supported language of `preferred` (loading its dictionary) and tag the page with it. */
export async function switchLanguage(preferred: readonly string[], doc?: Document): Promise<Language> {
  const language = pickLanguage(preferred);
  const dictionary = language === 'en' ? en : await LOADERS[language]();
  translator.use(dictionary, localeFor(preferred, language));
  if (doc) doc.documentElement.lang = currentLocale();
  return language;
}

/** The browser's languages, most preferred first. */
export function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
