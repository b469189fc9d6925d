/**
 * The language-independent half of the screens' translations, shared by the extension (extension/ui/i18n.ts)
 * and the PWA (pwa/src/i18n.ts): picking a language, filling `{name}` placeholders, plural forms and number
 * formatting. Each app keeps its own dictionaries; a dictionary is a plain record keyed by the app's English
 * reference, so a missing key is a type error there.
 */

export type Vars = Record<string, string | number>;

/** `'history.count.one' | 'history.count.other'` → `'history.count'`: the bases `tn` accepts. */
export type PluralBase<K extends string> = K extends `${infer B}.one` ? B : never;

/** The first supported base language of the browser's list (`pt-BR` → `pt`); null when none is. */
export function pickSupported<L extends string>(
  preferred: readonly string[],
  supported: readonly L[],
): L | null {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]!;
    if ((supported as readonly string[]).includes(base)) return base as L;
  }
  return null;
}

/** The browser's full tag for the chosen language (es-MX rather than es), so money and dates follow it. */
export function localeFor(preferred: readonly string[], language: string): string {
  return preferred.find((tag) => tag.toLowerCase().startsWith(language)) ?? language;
}

export interface Translator<K extends string> {
  /** `{name}` placeholders are filled from `vars`; values are text, never markup. */
  t(key: K, vars?: Vars): string;
  /** Plural forms as `<key>.one` / `<key>.other` (the languages here need no more; others fall back to other). */
  tn(base: PluralBase<K>, count: number, vars?: Vars): string;
  /** The locale numbers (and the app's money and dates) are formatted for. */
  locale(): string;
  /** Switch to another dictionary; keys it lacks fall back to the reference. */
  use(dictionary: Readonly<Record<K, string>>, locale: string): void;
}

/** A translator starting on `reference` (the English dictionary that defines the keys) in locale `en`. */
export function createTranslator<K extends string>(reference: Readonly<Record<K, string>>): Translator<K> {
  let dictionary = reference;
  let locale = 'en';

  const formatVar = (value: string | number): string =>
    typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;

  function t(key: K, vars: Vars = {}): string {
    const text = dictionary[key] ?? reference[key];
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(vars, name) ? formatVar(vars[name]!) : whole,
    );
  }

  function tn(base: PluralBase<K>, count: number, vars: Vars = {}): string {
    const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
    return t(`${base}.${form}` as K, { count, ...vars });
  }

  return {
    t,
    tn,
    locale: () => locale,
    use(next, nextLocale) {
      dictionary = next;
      locale = nextLocale;
    },
  };
}
