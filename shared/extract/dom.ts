/**
 * The last layer: what the shopper sees. AliExpress class names are hashed CSS modules
 * (`price-default--current--F8OlYIo`), so elements are found by class-name PREFIX only, never by a full
 * hashed name. Works on any Document-like object (a live page, linkedom in tests) or, without one, on the
 * page's HTML text.
 */
import { parseMoney, parseMoneyRange } from '../money.ts';
import type { Reading } from './read.ts';
import type { DocumentLike, Shipping } from './types.ts';

/** Current price: 2024+ pdp, 2023 pdp, 2019–2022 "modules", 2020–2022 flash-deal banner. */
const CURRENT = [
  'price-default--current',
  'price--currentPriceText',
  'product-price-current',
  'uniform-banner-box-price',
];
const ORIGINAL = [
  'price-default--original',
  'price--originalText',
  'product-price-del',
  'uniform-banner-box-discounts',
];
const TITLE = ['title--wrap', 'product-title-text'];
const SHIPPING = [
  'dynamic-shipping-titleLayout',
  'product-shipping-price',
  'shipping--content',
  'dynamic-shipping-line',
];
const STORE = ['store-detail--storeName', 'store-header--storeName', 'store-info--name', 'shop-name'];

const FREE_SHIPPING =
  /free shipping|env[ií]o gratis|env[ií]o gratuito|frete gr[aá]tis|livraison (?:gratuite|offerte)|kostenlose[rn]? versand|versandkostenfrei|spedizione gratuita|бесплатная доставка|darmowa dostawa|[üu]cretsiz kargo|gratis verzending|무료 배송|送料無料|免运费|משלוח חינם|שילוח חינם|شحن مجاني|gratis ongkir|miễn phí vận chuyển|จัดส่งฟรี/i;

/** Text of elements having a class that starts with `prefix`, in document order. */
export type TextQuery = (prefix: string) => string[];

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

export function queryDocument(doc: DocumentLike): TextQuery {
  return (prefix) => {
    const out: string[] = [];
    let list: ArrayLike<{ textContent: string | null; getAttribute(name: string): string | null }>;
    try {
      list = doc.querySelectorAll(`[class^="${prefix}"],[class*=" ${prefix}"]`);
    } catch {
      return out;
    }
    for (let i = 0; i < list.length && out.length < 8; i++) {
      const text = clean(list[i]?.textContent);
      if (text) out.push(text);
    }
    return out;
  };
}

/** The entities AliExpress writes in text and attributes. */
export function decode(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d) % 0x110000))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const INLINE_TAG = /<\/?(?:span|strong|b|i|em|sup|sub|small|font)\b[^>]*>/gi;

/** The same query on raw HTML text, for callers that hand over `outerHTML` instead of the document. */
export function queryHtml(html: string): TextQuery {
  return (prefix) => {
    const out: string[] = [];
    if (!html.includes(prefix)) return out;
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const open = new RegExp(
      `<([a-zA-Z][\\w-]*)\\b[^>]*?\\bclass=["'](?:[^"']*\\s)?${escaped}[^"']*["'][^>]*>`,
      'g',
    );
    for (let m = open.exec(html); m && out.length < 8; m = open.exec(html)) {
      const tag = (m[1] as string).toLowerCase();
      const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
      tags.lastIndex = m.index + m[0].length;
      let depth = 1;
      let end = -1;
      for (let t = tags.exec(html); t && t.index - m.index < 4000; t = tags.exec(html)) {
        depth += t[1] ? -1 : 1;
        if (depth === 0) {
          end = t.index;
          break;
        }
      }
      if (end < 0) continue;
      // Inline tags join their text as textContent does (prices are drawn one character per <span>).
      const inner = html
        .slice(m.index + m[0].length, end)
        .replace(INLINE_TAG, '')
        .replace(/<[^>]*>/g, ' ');
      const text = clean(decode(inner));
      if (text) out.push(text);
    }
    return out;
  };
}

function first(query: TextQuery, prefixes: string[]): { text: string; prefix: string } | null {
  for (const prefix of prefixes) {
    const text = query(prefix)[0];
    if (text) return { text, prefix };
  }
  return null;
}

export interface DomHints {
  currency?: string | null;
  /** The page's own "Free Shipping" wording (its i18n), which beats the built-in list of phrases. */
  freeShippingText?: string | null;
  want: { price: boolean; title: boolean; shipping: boolean; store: boolean };
}

function shipping(query: TextQuery, hints: DomHints): { shipping: Shipping; prefix: string } | null {
  for (const prefix of SHIPPING) {
    for (const text of query(prefix)) {
      const own = hints.freeShippingText?.trim();
      if ((own && text.includes(own)) || FREE_SHIPPING.test(text)) {
        return {
          prefix,
          shipping: {
            amount: 0,
            currency: hints.currency ?? null,
            free: true,
            unreachable: false,
            days: null,
          },
        };
      }
      const money = parseMoney(text.replace(/^[^\d$€£¥₩₹₽]*?:\s*/, ''), { currency: hints.currency ?? null });
      if (money) {
        return {
          prefix,
          shipping: {
            amount: money.amount,
            currency: money.currency,
            free: money.amount === 0,
            unreachable: false,
            days: null,
          },
        };
      }
    }
  }
  return null;
}

export function readDom(query: TextQuery, hints: DomHints, source: string): Reading {
  const reading: Reading = { source, sources: {} };
  const sources = reading.sources as NonNullable<Reading['sources']>;
  if (hints.want.price) {
    const current = first(query, CURRENT);
    const parsed = current ? parseMoneyRange(current.text, { currency: hints.currency ?? null }) : null;
    if (current && parsed) {
      reading.currency = parsed.currency;
      reading.price = { min: parsed.min, max: parsed.max };
      sources.price = `${source}:${current.prefix}`;
      const original = first(query, ORIGINAL);
      const orig = original ? parseMoneyRange(original.text, { currency: parsed.currency }) : null;
      if (orig && orig.currency === parsed.currency && orig.max >= parsed.max)
        reading.originalPrice = { min: orig.min, max: orig.max };
    }
  }
  if (hints.want.title) {
    const title = first(query, TITLE);
    if (title) {
      reading.title = title.text;
      sources.title = `${source}:${title.prefix}`;
    }
  }
  if (hints.want.shipping) {
    const found = shipping(query, hints);
    if (found) {
      reading.shipping = found.shipping;
      sources.shipping = `${source}:${found.prefix}`;
    }
  }
  if (hints.want.store) {
    const name = first(query, STORE);
    if (name) {
      reading.store = { id: null, name: name.text, positiveRate: null };
      sources.store = `${source}:${name.prefix}`;
    }
  }
  return reading;
}
