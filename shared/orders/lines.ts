import { canonicalProductId } from '../urls.ts';
import { amountOf, countOf, httpsUrl, idOf, list, rec, text } from './fields.ts';
import type { OrderLine } from './types.ts';

/**
 * Order lines (`orderLines[]` of the list, `productVOList[]` of the detail): the same fields in both. The
 * product id is normalised like page URLs are (aliexpress.us ids − 2^51), so purchases meet the price history.
 */
export function readLines(v: unknown, currency: string | null): OrderLine[] {
  const out: OrderLine[] = [];
  for (const item of list(v).slice(0, 200)) {
    const f = rec(item);
    const raw = idOf(f.productId) ?? idOf(f.itemId) ?? productIdOfLink(f.itemDetailUrl);
    const attrs = list(f.skuAttrs)
      .map((a) => {
        const r = rec(a);
        const name = text(r.name, 100);
        const value = text(r.text, 200);
        return name && value ? `${name}: ${value}` : value;
      })
      .filter((a): a is string => a !== null);
    out.push({
      lineId: idOf(f.orderLineId),
      productId: raw ? canonicalProductId(raw) : null,
      skuId: idOf(f.skuId),
      title: text(f.itemTitle) ?? text(f.productName),
      image: httpsUrl(f.itemImgUrl) ?? httpsUrl(f.itemPic) ?? httpsUrl(f.productImgUrl),
      attributes: attrs.length ? attrs.join(' / ') : (text(f.skuDesc, 500) ?? text(f.skuInfo, 500)),
      quantity: countOf(f.quantity) ?? countOf(f.count) ?? countOf(f.itemCount) ?? 1,
      unitPrice:
        amountOf(f.formatPriceInfo, f.itemPriceText ?? f.price, text(f.currencyCode) ?? currency)?.amount ??
        null,
    });
  }
  return out;
}

function productIdOfLink(v: unknown): string | null {
  const url = httpsUrl(v);
  return url ? (/\/item\/(\d{6,20})\.html/.exec(url)?.[1] ?? null) : null;
}
