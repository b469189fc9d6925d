import { createTranslator, localeFor, pickSupported } from '../../shared/i18n.ts';
// Type only (the worker does not bundle the screens' dictionaries): a language the screens add is a type error here.
import type { Language } from './i18n.ts';

/**
 * The words of a community price alert, in the languages the PWA speaks. The service worker words the
 * notification itself (the server knows neither the shopper's language nor the product's title) and cannot load
 * the screens' dictionary chunks, so these few strings are kept in their own module and bundled into it.
 */
const en = {
  title: 'Price alert: {price}',
  body: '{name} is at {price} today across shoppers, at or below your target of {target}.',
  product: 'Product {id}',
};
type PushKey = keyof typeof en;

export const PUSH_TEXT = {
  en,
  es: {
    title: 'Alerta de precio: {price}',
    body: '{name} está hoy a {price} según la comunidad, igual o por debajo de tu objetivo de {target}.',
    product: 'Producto {id}',
  },
  pt: {
    title: 'Alerta de preço: {price}',
    body: '{name} está hoje a {price} segundo a comunidade, igual ou abaixo do seu alvo de {target}.',
    product: 'Produto {id}',
  },
  fr: {
    title: 'Alerte prix : {price}',
    body: '{name} est aujourd’hui à {price} selon la communauté, au niveau ou en dessous de votre cible de {target}.',
    product: 'Produit {id}',
  },
  de: {
    title: 'Preisalarm: {price}',
    body: '{name} kostet heute laut Community {price} – auf oder unter deinem Ziel von {target}.',
    product: 'Produkt {id}',
  },
} satisfies Record<Language, Record<PushKey, string>>;

/** A price alert's figures as the push message carries them (shared/api-pwa.ts pushPayloadSchema `alert`). */
export interface PriceAlert {
  price: number;
  target: number;
  currency: string;
}

/**
 * Title and body of a price alert in the first of `languages` the PWA speaks; the product is named by the title
 * the watchlist keeps for it, else by its id.
 */
export function priceAlertText(
  alert: PriceAlert,
  productId: string,
  productTitle: string | null,
  languages: readonly string[],
): { title: string; body: string } {
  const language = pickSupported(languages, Object.keys(PUSH_TEXT) as Language[]) ?? 'en';
  const locale = localeFor(languages, language);
  const { t } = translatorFor(language, locale);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: alert.currency });
  const price = money.format(alert.price);
  const name = productTitle ?? t('product', { id: productId });
  return {
    title: t('title', { price }),
    body: t('body', { name, price, target: money.format(alert.target) }),
  };
}

function translatorFor(language: Language, locale: string) {
  const translator = createTranslator<PushKey>(en);
  translator.use(PUSH_TEXT[language], locale);
  return translator;
}
