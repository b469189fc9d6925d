import { isAliExpressHost } from '../shared/urls.ts';

/**
 * AliExpress storefront hosts. Country storefronts are subdomains of aliexpress.com (es., he., id., pt., …),
 * the US store is aliexpress.us (ids shifted by 2^51) and the Russian joint venture runs aliexpress.ru.
 * Host permissions stay limited to these: never <all_urls>.
 */
export const ALIEXPRESS_DOMAINS = ['aliexpress.com', 'aliexpress.us', 'aliexpress.ru'] as const;

export const ALIEXPRESS_MATCHES = ALIEXPRESS_DOMAINS.map((d) => `*://*.${d}/*`);

/** Product pages: `/item/<id>.html` on every storefront. */
export const PRODUCT_PAGE_MATCHES = ALIEXPRESS_DOMAINS.map((d) => `*://*.${d}/item/*`);

/** Order list and order detail (`/p/order/…`) and tracking (`/p/tracking/…`) pages on every storefront. */
export const ORDER_PAGE_MATCHES = ALIEXPRESS_DOMAINS.flatMap((d) => [
  `*://*.${d}/p/order/*`,
  `*://*.${d}/p/tracking/*`,
]);

/** A page URL on an AliExpress storefront (http/https only). */
export function isAliExpressUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && isAliExpressHost(parsed.hostname);
  } catch {
    return false;
  }
}
