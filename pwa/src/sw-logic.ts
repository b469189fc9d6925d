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
  };
}
