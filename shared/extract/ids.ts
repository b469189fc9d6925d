/**
 * Product and SKU ids are decimal strings. aliexpress.us numbers its items as the global id + 2^51, so the
 * same product has two ids; everything is stored under the global one so histories merge.
 */

import { canonicalProductId } from '../urls.ts';

/** A plain decimal id (number or string) → canonical string, or null. Numbers above 2^53 are refused: they
 * were rounded before they got here. */
export function idString(value: unknown): string | null {
  if (typeof value === 'string') return /^\d{1,20}$/.test(value) && !/^0/.test(value) ? value : null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return null;
}

/** The global product id for any AliExpress product id (aliexpress.us ids lose their 2^51 offset). */
export function normaliseProductId(value: unknown): string | null {
  const id = idString(value);
  return id === null || id.length < 5 ? null : canonicalProductId(id);
}

/** The product id named by an item URL on any AliExpress host (`/item/1005….html`, `?productId=`). */
export function productIdFromUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string') return null;
  const path = /\/(?:item|i)\/(?:[^/?#]*\/)?(\d{5,20})\.html/.exec(url);
  if (path) return normaliseProductId(path[1]);
  const query = /[?&](?:productId|itemId|item_id|objectId)=(\d{5,20})(?:[&#]|$)/.exec(url);
  return query ? normaliseProductId(query[1]) : null;
}
