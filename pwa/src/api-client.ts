import type { z } from 'zod';
import {
  errorResponseSchema,
  type HistoryResponse,
  historyResponseSchema,
  type SummaryResponse,
  summaryResponseSchema,
} from '../../shared/api.ts';
import { resolveResponseSchema } from '../../shared/api-pwa.ts';

/** Empty = same origin: pwa/serve.ts (and the Vite dev server) proxy /v1 to the API. */
const BASE: string = import.meta.env.VITE_API_URL ?? '';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const res = await fetch(BASE + path, {
    ...init,
    headers: { accept: 'application/json', ...init?.headers },
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = errorResponseSchema.safeParse(body);
    throw new ApiError(
      res.status,
      err.success ? err.data.error.code : 'http_error',
      err.success ? err.data.error.message : `HTTP ${res.status}`,
    );
  }
  return schema.parse(body);
}

export interface SeriesQuery {
  currency: string;
  region: string | null;
}

function query(q: SeriesQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ currency: q.currency, ...extra });
  if (q.region) params.set('region', q.region);
  return params.toString();
}

export function fetchHistory(productId: string, q: SeriesQuery, days = 90): Promise<HistoryResponse> {
  return getJson(
    `/v1/products/${encodeURIComponent(productId)}/history?${query(q, { days: String(days) })}`,
    historyResponseSchema,
  );
}

export function fetchSummary(productId: string, q: SeriesQuery): Promise<SummaryResponse> {
  return getJson(`/v1/products/${encodeURIComponent(productId)}/summary?${query(q)}`, summaryResponseSchema);
}

/** Short share link → product id, through the worker (a page cannot follow cross-origin redirects). */
export async function resolveShortLink(url: string): Promise<string> {
  const out = await getJson(`/v1/resolve?${new URLSearchParams({ url })}`, resolveResponseSchema);
  return out.productId;
}
