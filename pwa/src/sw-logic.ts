import { CURRENCIES, strictDecimalToMinor } from '../../shared/api-money.ts';
import type { PriceAlert } from './push-text.ts';

/** The service worker's decisions as pure functions, so they are unit-tested without a worker. */

/**
 * API reads worth keeping for offline use. Pairing blobs and short-link resolution change or are one-off;
 * everything else under /v1 that is a GET (history, summary, deals) is served stale-while-revalidate.
 */
export function isCacheableApiGet(method: string, pathname: string): boolean {
  if (method !== 'GET' || !pathname.startsWith('/v1/')) return false;
  return !pathname.startsWith('/v1/resolve') && !pathname.startsWith('/v1/pair');
}

/**
 * The predictor's WebAssembly binary and model file (hashed names under /assets/). Not precached: 14 MB that a
 * phone would download on install whether or not it ever asks for advice. Kept after the first use instead,
 * so that advice works offline from then on.
 */
export function isPredictorAsset(pathname: string): boolean {
  return pathname.startsWith('/assets/') && /\.(wasm|onnx)$/.test(pathname);
}

export function productPath(productId: string | null): string {
  return productId && /^\d{1,20}$/.test(productId) ? `/p/${productId}` : '/';
}

export interface PushNote {
  title: string;
  body: string;
  tag: string;
  productId: string | null;
  /** The alert's figures when the message carries them valid: the worker words it in the shopper's language. */
  alert: PriceAlert | null;
}

/** A push payload is JSON `{ title, body, productId }` (see worker push sender); anything else still notifies. */
export function notificationFromPush(text: string | null): PushNote {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: show the text itself.
    data = { body: text };
  }
  const productId =
    typeof data.productId === 'string' && /^\d{1,20}$/.test(data.productId) ? data.productId : null;
  return {
    title: typeof data.title === 'string' && data.title ? data.title.slice(0, 120) : 'Price alert',
    body: typeof data.body === 'string' ? data.body.slice(0, 240) : '',
    tag: productId ? `product-${productId}` : 'companion',
    productId,
    alert: productId ? alertOf(data.alert) : null,
  };
}

/**
 * shared/api-pwa.ts pushPayloadSchema's `alert`, checked by hand like the rest of the payload (the worker bundles
 * no zod) with the contract's own money rules (shared/api-money.ts: wire form, ISO 4217, the currency's digits).
 */
function alertOf(value: unknown): PriceAlert | null {
  if (!value || typeof value !== 'object') return null;
  const { price, target, currency } = value as Record<string, unknown>;
  if (typeof price !== 'string' || typeof target !== 'string' || typeof currency !== 'string') return null;
  if (!CURRENCIES.has(currency)) return null;
  if (strictDecimalToMinor(price, currency) == null || strictDecimalToMinor(target, currency) == null)
    return null;
  return { price: Number(price), target: Number(target), currency };
}
