/**
 * AliExpress storefront hosts. Country storefronts are subdomains of aliexpress.com (es., he., id., pt., …),
 * the US store is aliexpress.us (ids shifted by 2^51) and the Russian joint venture runs aliexpress.ru.
 * Host permissions stay limited to these: never <all_urls>.
 */
export const ALIEXPRESS_DOMAINS = ['aliexpress.com', 'aliexpress.us', 'aliexpress.ru'] as const;

export const ALIEXPRESS_MATCHES = ALIEXPRESS_DOMAINS.map((d) => `*://*.${d}/*`);

/** Product pages: `/item/<id>.html` on every storefront. */
export const PRODUCT_PAGE_MATCHES = ALIEXPRESS_DOMAINS.map((d) => `*://*.${d}/item/*`);

export function isAliExpressUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  const host = parsed.hostname;
  return ALIEXPRESS_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`));
}
