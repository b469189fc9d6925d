import { createTranslator, localeFor, type PluralBase, pickSupported, type Vars } from '../../shared/i18n.ts';
import { de } from './locales/de.ts';
import { en, type MessageKey } from './locales/en.ts';
import { es } from './locales/es.ts';
import { fr } from './locales/fr.ts';
import { pt } from './locales/pt.ts';

/**
 * The screens' strings in five languages. Plain dictionaries rather than _locales/ + browser.i18n: the same
 * module runs in extension pages, unit tests and the in-page widget, and a missing key is a type error (and a
 * unit test failure, extension/ui/i18n.test.ts). Dates and money use the browser's full locale (es-MX, pt-BR).
 */

export type { MessageKey };
export type Dictionary = Record<MessageKey, string>;
export const DICTIONARIES = { en, es, pt, fr, de } satisfies Record<string, Dictionary>;
export type Language = keyof typeof DICTIONARIES;

const LANGUAGES = Object.keys(DICTIONARIES) as Language[];
// Placeholders, plural forms and number formatting: shared/i18n.ts (the PWA uses the same machinery).
const translator = createTranslator<MessageKey>(en);
let language: Language = 'en';

export function pickLanguage(preferred: readonly string[]): Language {
  return pickSupported(preferred, LANGUAGES) ?? 'en';
}

/** Called once per page; tests pass a tag to render a given language. */
export function setLocale(preferred: readonly string[]): void {
  language = pickLanguage(preferred);
  translator.use(DICTIONARIES[language], localeFor(preferred, language));
}

export const currentLanguage = (): Language => language;
export const currentLocale = (): string => translator.locale();

/** `{name}` placeholders are filled from `vars`; values are text, never markup. */
export const t: (key: MessageKey, vars?: Vars) => string = translator.t;

/** Plural forms as `<key>.one` / `<key>.other` (the languages here need no more; others fall back to other). */
export const tn: (base: PluralBase<MessageKey>, count: number, vars?: Vars) => string = translator.tn;

/** The page's lang attribute and title in the shopper's language (the HTML files carry English defaults). */
export function localizeDocument(doc: Document, title: string): void {
  doc.documentElement.lang = currentLocale();
  doc.title = title;
}

/**
 * The browser's UI language first (what `--lang` / the browser settings choose; also what the manifest's
 * _locales follow), then the page languages: the same order in pages, the widget and the service worker.
 */
function browserLanguages(): string[] {
  let ui: string | undefined;
  try {
    ui = (
      globalThis as { chrome?: { i18n?: { getUILanguage?: () => string } } }
    ).chrome?.i18n?.getUILanguage?.();
  } catch {
    // Unit tests' fake browser does not implement it: the navigator languages decide.
  }
  const nav = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return [...(ui ? [ui] : []), ...nav];
}

setLocale(browserLanguages());
