import type * as z from 'zod';
import {
  type ContributionsDelete,
  type ContributionsExport,
  contributionsDeleteSchema,
  contributionsExportSchema,
  type DealsResponse,
  dealsResponseSchema,
  errorResponseSchema,
  type HistoryResponse,
  historyResponseSchema,
  type IngestResponse,
  type InstallResponse,
  ingestResponseSchema,
  installResponseSchema,
  type ObservationInput,
  type Rejection,
} from '../shared/api.ts';
import type { Observation } from '../shared/domain.ts';
import { formatDecimal } from '../shared/money.ts';
import { retryAfterMs } from '../shared/sync-backoff.ts';

/**
 * The extension's side of shared/api.ts: every response is parsed with the contract's schema, every failure comes
 * back as a value (never a throw) carrying what the caller needs to decide: retry (status 0 = no answer, 429,
 * 5xx with Retry-After), re-register (401) or give up on the items (400/413/422).
 */

export type ApiFailure = {
  ok: false;
  /** 0: no answer (network down, timeout, CORS refusal). */
  status: number;
  code: string;
  message: string;
  retryAfterMs: number | null;
  rejected: Rejection[];
};
export type ApiResult<T> = { ok: true; status: number; data: T; maxAgeMs: number | null } | ApiFailure;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export const REQUEST_TIMEOUT_MS = 10_000;

export interface ApiClient {
  register(): Promise<ApiResult<InstallResponse>>;
  upload(token: string, items: ObservationInput[]): Promise<ApiResult<IngestResponse>>;
  history(path: string): Promise<ApiResult<HistoryResponse>>;
  deals(path: string): Promise<ApiResult<DealsResponse>>;
  exportContributions(token: string): Promise<ApiResult<ContributionsExport>>;
  deleteContributions(token: string): Promise<ApiResult<ContributionsDelete>>;
}

/** An observation in the wire form (decimal strings, ISO time). Only what the consent screen lists. */
export function toWire(o: Observation): ObservationInput {
  return {
    productId: o.productId,
    skuId: o.skuId,
    currency: o.currency,
    region: o.region,
    price: formatDecimal(o.price, o.currency),
    originalPrice: o.originalPrice == null ? null : formatDecimal(o.originalPrice, o.currency),
    shipping: o.shipping == null ? null : formatDecimal(o.shipping, o.currency),
    observedAt: new Date(o.observedAt).toISOString(),
    flags: [...o.flags],
  };
}

export function historyPath(q: { productId: string; currency: string; region: string | null; days: number }) {
  const query = new URLSearchParams({ currency: q.currency, days: String(q.days) });
  if (q.region) query.set('region', q.region);
  return `/v1/products/${q.productId}/history?${query}`;
}

export function dealsPath(q: { currency: string; region: string | null; limit: number }) {
  const query = new URLSearchParams({ currency: q.currency, limit: String(q.limit) });
  if (q.region) query.set('region', q.region);
  return `/v1/deals?${query}`;
}

function maxAge(res: Response): number | null {
  const m = /max-age=(\d+)/.exec(res.headers.get('cache-control') ?? '');
  return m ? Number(m[1]) * 1000 : null;
}

export function createApiClient(
  base: string,
  fetchFn: FetchLike = (url, init) => fetch(url, init),
  now: () => number = Date.now,
): ApiClient {
  const root = base.replace(/\/+$/, '');
  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    options: { token?: string; body?: unknown } = {},
  ): Promise<ApiResult<z.infer<S>>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchFn(`${root}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        // Nothing that could identify the shopper rides along: no cookies, no referrer.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, status: 0, code: 'network', message, retryAfterMs: null, rejected: [] };
    }
    let json: unknown = null;
    try {
      json = await res.json();
    } catch {
      // A proxy's HTML error page: judged by its status below.
    }
    if (res.ok) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return { ok: true, status: res.status, data: parsed.data, maxAgeMs: maxAge(res) };
      return {
        ok: false,
        status: 502,
        code: 'bad_response',
        message: `${method} ${path}: response does not match the API contract`,
        retryAfterMs: null,
        rejected: [],
      };
    }
    const error = errorResponseSchema.safeParse(json);
    return {
      ok: false,
      status: res.status,
      code: error.success ? error.data.error.code : `http_${res.status}`,
      message: error.success ? error.data.error.message : res.statusText,
      retryAfterMs: retryAfterMs(res.headers.get('retry-after'), now()),
      rejected: error.success ? (error.data.error.rejected ?? []) : [],
    };
  }
  return {
    register: () => call('POST', '/v1/installs', installResponseSchema, { body: {} }),
    upload: (token, items) =>
      call('POST', '/v1/observations', ingestResponseSchema, { token, body: { observations: items } }),
    history: (path) => call('GET', path, historyResponseSchema),
    deals: (path) => call('GET', path, dealsResponseSchema),
    exportContributions: (token) => call('GET', '/v1/contributions', contributionsExportSchema, { token }),
    deleteContributions: (token) => call('DELETE', '/v1/contributions', contributionsDeleteSchema, { token }),
  };
}
