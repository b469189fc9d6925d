/**
 * The middle layer: schema.org JSON-LD (`<script type="application/ld+json">`) and Open Graph meta tags,
 * present on rendered pages of several generations. Product-level only: no SKUs.
 */
import { isCurrencyCode, toMinor } from '../money.ts';
import { decode } from './dom.ts';
import { productIdFromUrl } from './ids.ts';
import { parseJson } from './json.ts';
import { arr, at, firstOf, obj, type Reading, range, rating, str } from './read.ts';

const LD_SCRIPT = /<script[^>]+type=["']application\/ld\+json["'][^>]*>([\s\S]*?)<\/script>/gi;

function products(value: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const item of Array.isArray(value) ? value : [value, ...arr(at(value, '@graph'))]) {
    const o = obj(item);
    if (o && (o['@type'] === 'Product' || (Array.isArray(o['@type']) && o['@type'].includes('Product'))))
      out.push(o);
  }
  return out;
}

export function readJsonLd(html: string): Reading | null {
  LD_SCRIPT.lastIndex = 0;
  for (let m = LD_SCRIPT.exec(html); m; m = LD_SCRIPT.exec(html)) {
    for (const product of products(parseJson(m[1] ?? ''))) {
      const offer = obj(Array.isArray(product.offers) ? product.offers[0] : product.offers) ?? {};
      const currency = isCurrencyCode(offer.priceCurrency) ? offer.priceCurrency : null;
      const minor = (v: unknown) => {
        const n = currency ? toMinor(v, currency) : null;
        return n !== null && n > 0 ? n : null;
      };
      const image = Array.isArray(product.image) ? product.image[0] : product.image;
      const url = str(offer.url) ?? str(product.url);
      return {
        source: 'json-ld',
        productId: productIdFromUrl(url),
        title: str(product.name),
        image: str(image),
        currency,
        price: range(
          minor(firstOf(offer.lowPrice, offer.price)),
          minor(firstOf(offer.highPrice, offer.price)),
        ),
        rating: rating(
          at(product, 'aggregateRating', 'ratingValue'),
          at(product, 'aggregateRating', 'reviewCount'),
        ),
        flags: /OutOfStock|SoldOut/.test(String(offer.availability ?? '')) ? ['out-of-stock'] : [],
      };
    }
  }
  return null;
}

function meta(html: string, property: string): string | null {
  const re = new RegExp(
    `<meta[^>]+(?:property|name)=["']${property}["'][^>]*content=["']([^"']*)["']|<meta[^>]+content=["']([^"']*)["'][^>]*(?:property|name)=["']${property}["']`,
    'i',
  );
  const m = re.exec(html);
  return m ? str(decode(m[1] ?? m[2] ?? '')) : null;
}

/** Open Graph: title (minus AliExpress' "12.34US $ 40% OFF|" prefix and " - AliExpress" suffix), image, url. */
export function readMeta(html: string): Reading | null {
  const head = html.slice(0, 400_000);
  const ogTitle = meta(head, 'og:title');
  const ogUrl = meta(head, 'og:url');
  const image = meta(head, 'og:image');
  if (!ogTitle && !ogUrl && !image) return null;
  const title = ogTitle
    ? (/^[^|]{0,40}\d[^|]{0,40}\|/.test(ogTitle) ? (ogTitle.split('|')[1] ?? ogTitle) : ogTitle)
        .replace(/\s+-\s+AliExpress.*$/i, '')
        .trim()
    : null;
  const canonical = /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']/i.exec(head)?.[1] ?? null;
  return {
    source: 'meta',
    productId: firstOf(productIdFromUrl(canonical), productIdFromUrl(ogUrl)),
    title: title || null,
    image,
    url: canonical ?? (ogUrl ? (ogUrl.startsWith('//') ? `https:${ogUrl}` : ogUrl) : null),
  };
}
