import { afterEach, describe, expect, it } from 'vitest';
import { DICTIONARIES, pickLanguage, setLocale, t, tn } from './i18n.ts';
import { en } from './locales/en.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  for (const [language, dictionary] of Object.entries(DICTIONARIES)) {
    it(`${language} has every key, no extra key, and the same placeholders`, () => {
      const missing = Object.keys(en).filter((k) => !(dictionary as Record<string, string>)[k]?.trim());
      const extra = Object.keys(dictionary).filter((k) => !Object.hasOwn(en, k));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      for (const [key, text] of Object.entries(en)) {
        expect(placeholders((dictionary as Record<string, string>)[key]!), `${language} ${key}`).toEqual(
          placeholders(text),
        );
      }
    });
  }
});

describe('t and tn', () => {
  afterEach(() => setLocale(['en']));

  it('picks the first supported language of the browser list', () => {
    expect(pickLanguage(['pt-BR', 'en'])).toBe('pt');
    expect(pickLanguage(['ja', 'de-AT'])).toBe('de');
    expect(pickLanguage(['ja'])).toBe('en');
  });

  it('fills placeholders as text and formats numbers for the locale', () => {
    setLocale(['de-DE']);
    expect(t('product.untitled', { id: '<b>1</b>' })).toBe('Artikel <b>1</b>');
    expect(tn('history.count', 1)).toBe('1 Produkt');
    expect(tn('history.count', 1234)).toBe('1.234 Produkte');
  });

  it('uses the plural form of the language (French counts 0 as one)', () => {
    setLocale(['fr-FR']);
    expect(tn('history.count', 0)).toBe('0 produit');
    setLocale(['en-US']);
    expect(tn('history.count', 0)).toBe('0 products');
  });
});
