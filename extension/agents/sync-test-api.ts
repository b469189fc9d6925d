import { type ObservationInput, parseObservationItem } from '../../shared/api.ts';
import type { Observation } from '../../shared/domain.ts';
import { utcDay } from '../../shared/history.ts';
import type { FetchLike } from '../community-api.ts';
import { type CompanionDb, seriesKeyOf } from '../db.ts';

/**
 * An in-memory stand-in for the community API in unit tests: the same item checks (shared/api.ts) and the same
 * dedupe rule as the worker (contributor, series, UTC day, price count once), plus switches to fail.
 */
export class FakeApi {
  rows = new Map<string, ObservationInput>();
  requests: { method: string; path: string; items?: number }[] = [];
  /** Answer this status (with these headers) instead of handling the request. */
  failWith: { status: number; headers?: Record<string, string>; times: number; path?: string } | null = null;
  /** Store the batch, then lose the answer (the network drops it). */
  loseNextResponse = false;
  down = false;
  quotaLeft = Number.POSITIVE_INFINITY;
  tokens = new Set<string>();
  private installs = 0;

  constructor(private readonly now: () => number) {}

  fetch: FetchLike = async (url, init) => {
    const { pathname } = new URL(url);
    const method = init.method ?? 'GET';
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    this.requests.push({ method, path: pathname, items: body?.observations?.length });
    if (this.down) throw new TypeError('Failed to fetch');
    if (this.failWith && this.failWith.times > 0 && (this.failWith.path ?? pathname) === pathname) {
      this.failWith.times--;
      return json(
        this.failWith.status,
        { error: { code: 'unavailable', message: 'down' } },
        this.failWith.headers,
      );
    }
    if (method === 'POST' && pathname === '/v1/installs') {
      const token = `t${++this.installs}`;
      this.tokens.add(token);
      const expiresAt = new Date(this.now() + 365 * 86_400_000).toISOString();
      return json(201, { installId: `i${this.installs}`, token, expiresAt });
    }
    const token = (init.headers as Record<string, string>)?.Authorization?.slice('Bearer '.length);
    if (!token || !this.tokens.has(token))
      return json(401, { error: { code: 'unauthorized', message: 'no' } });
    if (method === 'POST' && pathname === '/v1/observations') {
      let accepted = 0;
      let duplicates = 0;
      const rejected: { index: number; code: string }[] = [];
      (body.observations as unknown[]).forEach((item, index) => {
        const r = parseObservationItem(item, this.now());
        if (!r.ok) {
          rejected.push({ index, code: r.code });
          return;
        }
        if (this.quotaLeft <= 0) {
          rejected.push({ index, code: 'quota_exceeded' });
          return;
        }
        this.quotaLeft--;
        const v = r.value;
        const key = [token, v.productId, v.skuId, v.currency, v.region, utcDay(v.observedAt), v.price].join(
          '|',
        );
        if (this.rows.has(key)) duplicates++;
        else {
          this.rows.set(key, item as ObservationInput);
          accepted++;
        }
      });
      if (this.loseNextResponse) {
        this.loseNextResponse = false;
        throw new TypeError('network error: connection reset');
      }
      return json(202, { accepted, duplicates, rejected });
    }
    if (method === 'DELETE' && pathname === '/v1/contributions') {
      const mine = [...this.rows.keys()].filter((k) => k.startsWith(`${token}|`));
      for (const k of mine) this.rows.delete(k);
      return json(200, { deleted: mine.length, rollupsRecomputed: mine.length });
    }
    return json(404, { error: { code: 'not_found', message: pathname } });
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A product-level read as the caching agent stores it. */
export async function addRead(
  db: CompanionDb,
  at: number,
  price: number,
  productId = '1005001',
  extra: Partial<Observation> = {},
): Promise<void> {
  const o: Observation = {
    productId,
    skuId: null,
    currency: 'EUR',
    region: 'DE',
    price,
    originalPrice: null,
    shipping: null,
    observedAt: at,
    flags: [],
    ...extra,
  };
  await db.observations.add({ ...o, series: seriesKeyOf(o) });
}
