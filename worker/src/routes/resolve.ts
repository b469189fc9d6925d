/**
 * GET /v1/resolve?url= — the AliExpress app shares short links (a.aliexpress.com/_…, s.click.aliexpress.com/e/…)
 * that only a server can follow (a page cannot read cross-origin redirects). This is not a proxy: every hop must
 * be an https AliExpress host on the default port, redirects are followed by hand (`redirect: 'manual'`) so each
 * one is checked before it is requested, with a hop and a total time limit, and only a product id comes back.
 */
import { Hono } from 'hono';
import { RESOLVE_LIMITS, type ResolveResponse, resolveQuerySchema } from '../../../shared/api-pwa.ts';
import { isAliExpressHost, isShortLinkHost, parseAliExpressLink } from '../../../shared/urls.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors.ts';
import { parseOr400 } from '../request.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ResolveOptions {
  fetch: FetchLike;
  maxHops?: number;
  timeoutMs?: number;
}

/** Enough of a landing page to find its canonical link; the rest is never read. */
const MAX_BODY_BYTES = 256 * 1024;

/** A URL we may request: https (http is upgraded), an AliExpress host, no port, no credentials. */
export function allowedHop(raw: string, base?: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.protocol === 'http:') url.protocol = 'https:';
  if (url.protocol !== 'https:' || url.port !== '' || url.username || url.password) return null;
  if (!isAliExpressHost(url.hostname) && !isShortLinkHost(url.hostname)) return null;
  url.hash = '';
  return url;
}

/** A product id in the URL itself or in a redirect-style query parameter that points at an AliExpress page. */
function productIn(url: URL): string | null {
  const direct = parseAliExpressLink(url.href);
  if (direct.kind === 'product') return direct.productId;
  for (const value of url.searchParams.values()) {
    if (!/^https?:\/\//i.test(value)) continue;
    const inner = allowedHop(value);
    const parsed = inner ? parseAliExpressLink(inner.href) : null;
    if (parsed?.kind === 'product') return parsed.productId;
  }
  return null;
}

async function readLimited(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const all = new Uint8Array(Math.min(size, MAX_BODY_BYTES));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, all.length - at);
    all.set(part, at);
    at += part.length;
    if (at >= all.length) break;
  }
  return new TextDecoder().decode(all);
}

/** Landing pages that redirect with JS or a meta refresh still name the item in a canonical or og:url link. */
function itemLinkInHtml(html: string, base: URL): URL | null {
  const patterns = [
    /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']/i,
    /<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)["']/i,
    /<meta[^>]+http-equiv=["']refresh["'][^>]*content=["'][^"']*url=([^"']+)["']/i,
  ];
  for (const p of patterns) {
    const m = p.exec(html);
    const hop = m ? allowedHop(m[1]!.replace(/&amp;/g, '&'), base.href) : null;
    if (hop) return hop;
  }
  return null;
}

export class ResolveError extends Error {
  constructor(
    readonly reason:
      | 'not-short-link'
      | 'off-allow-list'
      | 'loop'
      | 'too-many-hops'
      | 'timeout'
      | 'upstream'
      | 'no-product',
    message: string,
  ) {
    super(message);
  }
}

export async function followShortLink(start: string, options: ResolveOptions): Promise<ResolveResponse> {
  const maxHops = options.maxHops ?? RESOLVE_LIMITS.maxHops;
  const timeoutMs = options.timeoutMs ?? RESOLVE_LIMITS.timeoutMs;
  let url = allowedHop(start);
  if (!url) throw new ResolveError('not-short-link', 'Only AliExpress links can be resolved');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const seen = new Set<string>();
  try {
    for (let hops = 0; ; hops++) {
      const productId = productIn(url);
      if (productId) return { productId, url: url.href, hops };
      if (seen.has(url.href)) throw new ResolveError('loop', 'The link redirects in a loop');
      if (hops >= maxHops) throw new ResolveError('too-many-hops', `More than ${maxHops} redirects`);
      seen.add(url.href);
      let res: Response;
      try {
        res = await options.fetch(url.href, {
          method: 'GET',
          redirect: 'manual',
          signal: controller.signal,
          headers: { accept: 'text/html', 'user-agent': 'Mozilla/5.0 (compatible; AliExpressCompanion/1.0)' },
        });
      } catch {
        if (controller.signal.aborted) throw new ResolveError('timeout', 'AliExpress did not answer in time');
        throw new ResolveError('upstream', 'AliExpress could not be reached');
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel().catch(() => undefined);
        const next = allowedHop(location, url.href);
        if (!next) throw new ResolveError('off-allow-list', 'The link leads away from AliExpress');
        url = next;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new ResolveError('upstream', `AliExpress answered ${res.status}`);
      }
      let html: string;
      try {
        html = await readLimited(res);
      } catch {
        if (controller.signal.aborted) throw new ResolveError('timeout', 'AliExpress did not answer in time');
        throw new ResolveError('upstream', 'AliExpress could not be read');
      }
      const next = itemLinkInHtml(html, url);
      if (!next) throw new ResolveError('no-product', 'The link does not lead to a product');
      url = next;
    }
  } finally {
    clearTimeout(timer);
  }
}

const STATUS = {
  'not-short-link': [400, 'bad_request'],
  'off-allow-list': [422, 'bad_request'],
  loop: [422, 'bad_request'],
  'too-many-hops': [422, 'bad_request'],
  'no-product': [422, 'bad_request'],
  timeout: [504, 'unavailable'],
  upstream: [502, 'unavailable'],
} as const;

/** `fetchImpl` is injectable so tests follow redirects against a loopback stand-in instead of the internet. */
export function createResolveRoute(fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const q = parseOr400(resolveQuerySchema, c.req.query(), 'query');
    try {
      const out = await followShortLink(q.url, { fetch: fetchImpl });
      // A short link keeps pointing at the same product.
      c.header('Cache-Control', 'public, max-age=86400');
      return c.json(out satisfies ResolveResponse);
    } catch (err) {
      if (!(err instanceof ResolveError)) throw err;
      const [status, code] = STATUS[err.reason];
      throw new ApiError(status, code, err.message);
    }
  });
}

export const resolve = createResolveRoute();
