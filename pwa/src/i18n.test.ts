import { describe, expect, it } from 'vitest';
import { DICTIONARIES as EXTENSION } from '../../extension/ui/i18n.ts';
import { en as predictionWords } from '../../shared/prediction-words/en.ts';
import { type Dictionary, LANGUAGES, pickLanguage, switchLanguage, t, tn } from './i18n.ts';
import { de } from './locales/de.ts';
import { en } from './locales/en.ts';
import { es } from './locales/es.ts';
import { fr } from './locales/fr.ts';
import { pt } from './locales/pt.ts';

const DICTIONARIES: Record<(typeof LANGUAGES)[number], Dictionary> = { en, es, pt, fr, de };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Values that are right in English too: the app's brand, and words the language borrows unchanged. Anything
 * else equal to English is a string someone forgot to translate.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[]> = {
  es: ['app.brand'],
  pt: ['app.brand'],
  fr: ['app.brand'],
  de: ['app.brand'],
};

describe('PWA dictionaries', () => {
  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    const dictionary = DICTIONARIES[language] as Record<string, string>;

    it(`${language} has every key, no extra key, and the same placeholders as English`, () => {
      const missing = Object.keys(en).filter((k) => !dictionary[k]?.trim());
      const extra = Object.keys(dictionary).filter((k) => !Object.hasOwn(en, k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      for (const [key, text] of Object.entries(en)) {
        expect(placeholders(dictionary[key]!), `${language} ${key}`).toEqual(placeholders(text));
      }
    });

    it(`${language} translates every value (short allowlist aside)`, () => {
      const same = Object.entries(en)
        .filter(([key, text]) => dictionary[key] === text)
        .map(([key]) => key);
      expect(same).toEqual(SAME_AS_ENGLISH[language]);
    });
  }

  it('say what the extension says wherever both have the key, in every language', () => {
    for (const language of LANGUAGES) {
      const extension = EXTENSION[language] as Record<string, string>;
      const pwa = DICTIONARIES[language] as Record<string, string>;
      // The buy-or-wait words are one file both use (shared/prediction-words/); these are the others.
      const shared = Object.keys(pwa).filter(
        (k) => Object.hasOwn(extension, k) && !Object.hasOwn(predictionWords, k),
      );
      expect(shared.length).toBeGreaterThan(10);
      for (const key of shared) expect(pwa[key], `${language} ${key}`).toBe(extension[key]);
    }
  });
});

describe('language choice', () => {
  it('takes the first supported base language of the browser list, else English', () => {
    expect(pickLanguage(['ja', 'pt-BR', 'en'])).toBe('pt');
    expect(pickLanguage(['de-AT'])).toBe('de');
    expect(pickLanguage(['ja', 'zh-CN'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('loads the dictionary and formats for the browser tag of that language', async () => {
    try {
      expect(await switchLanguage(['fr-CA', 'en'])).toBe('fr');
      expect(t('home.title')).toBe('Est-ce un bon prix ?');
      expect(tn('ago.days', 1)).toBe('il y a 1 jour');
      expect(t('product.name', { id: '<b>1</b>' })).toBe('Produit <b>1</b>');
      await switchLanguage(['de-DE']);
      expect(tn('product.communityDays', 1234)).toBe('1.234 Tage Community-Daten');
    } finally {
      await switchLanguage(['en']);
    }
    expect(t('home.title')).toBe('Is it a good price?');
  });
});
