import { describe, expect, it } from 'vitest';
import { createTranslator, localeFor, pickSupported } from './i18n.ts';

const reference = {
  greeting: 'Hello {name}',
  'items.one': '{count} item',
  'items.other': '{count} items',
  bye: 'Bye',
};

describe('createTranslator', () => {
  it('fills placeholders as text, leaves unknown ones, and formats numbers for its locale', () => {
    const i18n = createTranslator(reference);
    expect(i18n.t('greeting', { name: '<b>x</b>' })).toBe('Hello <b>x</b>');
    expect(i18n.t('greeting')).toBe('Hello {name}');
    expect(i18n.tn('items', 1)).toBe('1 item');
    expect(i18n.tn('items', 1234)).toBe('1,234 items');
    i18n.use({ ...reference, 'items.one': '{count} Stück', 'items.other': '{count} Stücke' }, 'de-DE');
    expect(i18n.locale()).toBe('de-DE');
    expect(i18n.tn('items', 1234)).toBe('1.234 Stücke');
  });

  it('falls back to the reference for a key a dictionary lacks', () => {
    const i18n = createTranslator(reference);
    i18n.use({ greeting: 'Hola {name}' } as typeof reference, 'es');
    expect(i18n.t('greeting', { name: 'Ana' })).toBe('Hola Ana');
    expect(i18n.t('bye')).toBe('Bye');
  });
});

describe('language choice', () => {
  it('picks the first supported base language and keeps the browser tag for formatting', () => {
    expect(pickSupported(['ja', 'pt-BR', 'es'], ['en', 'es', 'pt'])).toBe('pt');
    expect(pickSupported(['ja'], ['en', 'es'])).toBeNull();
    expect(localeFor(['ja', 'pt-BR'], 'pt')).toBe('pt-BR');
    expect(localeFor(['ja'], 'en')).toBe('en');
  });
});
