import { describe, expect, it } from 'vitest';
import { PUSH_TEXT, priceAlertText } from './push-text.ts';

const alert = { price: 14.99, target: 15, currency: 'USD' };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('price alert text', () => {
  it('is worded in the shopper’s language with money in their locale, naming the watch by its title', () => {
    expect(priceAlertText(alert, '1005001', 'Desk lamp', ['en-US'])).toEqual({
      title: 'Price alert: $14.99',
      body: 'Desk lamp is at $14.99 today across shoppers, at or below your target of $15.00.',
    });
    // Intl separates amount and symbol with a no-break space.
    expect(priceAlertText(alert, '1005001', null, ['es-ES', 'en'])).toEqual({
      title: 'Alerta de precio: 14,99\u00a0US$',
      body: 'Producto 1005001 está hoy a 14,99\u00a0US$ según la comunidad, igual o por debajo de tu objetivo de 15,00\u00a0US$.',
    });
    expect(priceAlertText({ ...alert, currency: 'EUR' }, '1005001', 'Lampe', ['de-DE']).title).toBe(
      'Preisalarm: 14,99\u00a0€',
    );
  });

  it('falls back to English for a language the PWA does not speak', () => {
    expect(priceAlertText(alert, '1005001', null, ['ja-JP']).title).toBe('Price alert: $14.99');
  });

  it('has every string in every language, with the same placeholders, translated', () => {
    for (const [language, texts] of Object.entries(PUSH_TEXT)) {
      for (const [key, english] of Object.entries(PUSH_TEXT.en)) {
        const text = texts[key as keyof typeof texts];
        expect(placeholders(text), `${language}.${key}`).toEqual(placeholders(english));
        if (language !== 'en') expect(text, `${language}.${key}`).not.toBe(english);
      }
    }
  });
});
