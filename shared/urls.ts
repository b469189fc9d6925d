/**
 * AliExpress links → product ids, on the device. Covers every storefront host (www., xx., m., aliexpress.ru,
 * aliexpress.us), the /item/, /i/ and old /store/product/ paths, `productId=` query links, and text that merely
 * contains a link (the AliExpress app shares "Look what I found! https://a.aliexpress.com/_mKq…").
 * Short share links cannot be read offline: they are reported as `short` for the worker's /v1/resolve.
 */

/** aliexpress.us serves the same product under its global id + 2^51. */
export const US_ID_OFFSET = 2n ** 51n;

export type ParsedLink =
  | { kind: 'product'; productId: string }
  | { kind: 'short'; url: string }
  | { kind: 'none'; reason: 'no-link' | 'not-aliexpress' | 'no-product' };

const STOREFRONT = /^(?:[a-z0-9-]+\.)*aliexpress\.(?:com|ru|us)$/;
/** Hosts of the app's share and affiliate short links; they answer with a redirect to the item page. */
const SHORT_HOSTS = new Set(['a.aliexpress.com', 's.click.aliexpress.com', 'click.aliexpress.com']);

export function isAliExpressHost(host: string): boolean {
  return STOREFRONT.test(host.toLowerCase());
}

export function isShortLinkHost(host: string): boolean {
  return SHORT_HOSTS.has(host.toLowerCase());
}

/**
 * A bare id → the global product id: ids at or above 2^51 are aliexpress.us ids. Returns null for text that
 * is not a plausible id (ids beyond 2^53 stay exact: BigInt, never Number).
 */
export function canonicalProductId(id: string): string | null {
  if (!/^[1-9]\d{0,19}$/.test(id)) return null;
  const n = BigInt(id);
  if (n >= US_ID_OFFSET) {
    const global = n - US_ID_OFFSET;
    return global > 0n && global < US_ID_OFFSET ? global.toString() : null;
  }
  return id;
}

function productIdFromUrl(url: URL): string | null {
  const path = url.pathname;
  const item = /\/(?:item|i)\/(?:[^/]*\/)?(\d{6,20})\.html?$/i.exec(path);
  if (item) return canonicalProductId(item[1]!);
  // Old store links: /store/product/Title/<storeId>_<productId>.html
  const store = /\/store\/product\/(?:[^/]*\/)?\d+_(\d{6,20})\.html?$/i.exec(path);
  if (store) return canonicalProductId(store[1]!);
  for (const key of ['productId', 'productIds', 'itemId', 'item_id', 'objectId']) {
    const value = url.searchParams.get(key)?.split(',')[0];
    if (value && /^\d{6,20}$/.test(value)) return canonicalProductId(value);
  }
  return null;
}

/** The first http(s) URL in a piece of shared text. */
export function firstUrl(text: string): string | null {
  const m = /https?:\/\/[^\s<>"'“”‘’()[\]{}]+/i.exec(text);
  return m ? m[0].replace(/[.,;:!?。，]+$/, '') : null;
}

/** Parse a link or any text that contains one. */
export function parseAliExpressLink(input: string): ParsedLink {
  const text = input.trim();
  const candidate = /^https?:\/\//i.test(text)
    ? text
    : (firstUrl(text) ?? (/^[\w.-]+\.[a-z]{2,}\//i.test(text) ? `https://${text}` : null));
  if (!candidate) {
    // A bare id typed or pasted on its own.
    const bare = /^\d{6,20}$/.test(text) ? canonicalProductId(text) : null;
    return bare ? { kind: 'product', productId: bare } : { kind: 'none', reason: 'no-link' };
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { kind: 'none', reason: 'no-link' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'none', reason: 'no-link' };
  if (isShortLinkHost(url.hostname)) {
    url.protocol = 'https:';
    url.hash = '';
    return { kind: 'short', url: url.href };
  }
  if (!isAliExpressHost(url.hostname)) return { kind: 'none', reason: 'not-aliexpress' };
  const productId = productIdFromUrl(url);
  return productId ? { kind: 'product', productId } : { kind: 'none', reason: 'no-product' };
}

/** Share-target launches put the link in `url`, `text` or even `title`, depending on the app. */
export function parseSharedParams(params: {
  url?: string | null;
  text?: string | null;
  title?: string | null;
}): ParsedLink {
  let fallback: Extract<ParsedLink, { kind: 'none' }> = { kind: 'none', reason: 'no-link' };
  for (const value of [params.url, params.text, params.title]) {
    if (!value) continue;
    const parsed = parseAliExpressLink(value);
    if (parsed.kind !== 'none') return parsed;
    if (fallback.reason === 'no-link') fallback = parsed;
  }
  return fallback;
}
