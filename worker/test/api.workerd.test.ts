/**
 * The worker inside workerd (vitest-pool-workers), against a fresh PostgreSQL database through the Neon driver and
 * the WebSocket proxy started by global-setup.ts.
 */
import {
  createExecutionContext,
  createScheduledController,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { newPool } from '../src/db/client.ts';
import worker from '../src/index.ts';
import { MemoryRateLimiter } from '../src/rate-limit.ts';
import { apiClient, apiSuite, item } from './api-suite.ts';
import type { ApiTarget } from './target.ts';

const app = createApp();

const target: ApiTarget = {
  name: 'workerd + PostgreSQL',
  installSecret: env.INSTALL_SECRET!,
  fetch(path, init = {}) {
    const { ip = '198.51.100.200', ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('cf-connecting-ip', ip);
    return SELF.fetch(`http://api.test${path}`, { ...rest, headers });
  },
  async query(text, params = []) {
    // A pool per call: sockets opened for one request cannot be used by another in workerd.
    const pool = newPool(env.DATABASE_URL!, env.NEON_WS_PROXY, 1);
    try {
      return (await pool.query(text, params)).rows;
    } finally {
      await pool.end();
    }
  },
};

apiSuite(() => target);

describe('workerd specifics', () => {
  it('prunes raw reads past retention on the cron trigger, keeping the rollups', async () => {
    const [row] = await target.query<{ id: number }>(
      `INSERT INTO contributors (install_hash) VALUES ('retention-test') RETURNING id`,
    );
    await target.query(
      `INSERT INTO observations (contributor_id, product_id, currency, day, price, observed_at)
       VALUES ($1, '1005009999', 'USD', current_date - 40, 100, now() - interval '40 days'),
              ($1, '1005009999', 'USD', current_date - 2, 100, now() - interval '2 days')`,
      [row!.id],
    );
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '17 3 * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const left = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM observations WHERE contributor_id = $1`,
      [row!.id],
    );
    expect(Number(left[0]!.n)).toBe(1);
  });

  it("empties old rollup rows' counted reads (contributor numbers) and drops old unpublished rows", async () => {
    await target.query(
      `INSERT INTO daily_prices (product_id, currency, region, sku_id, day, min_price, median_price, max_price,
                                 observations, contributors, confirmed, reads)
       VALUES ('1005009998', 'USD', '', '', current_date - 40, 100, 100, 100, 2, 2, true, '{1,100,0,2,100,0}'),
              ('1005009998', 'USD', '', '', current_date - 41, 0, 0, 0, 0, 0, false, '{3,500,0}'),
              ('1005009998', 'USD', '', '', current_date - 2, 100, 100, 100, 1, 1, false, '{4,100,0}')`,
    );
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '17 3 * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const rows = await target.query<{ age: number; contributors: number; reads: string[] }>(
      `SELECT current_date - day AS age, contributors, reads FROM daily_prices
       WHERE product_id = '1005009998' ORDER BY day`,
    );
    expect(rows.map((r) => [Number(r.age), Number(r.contributors), r.reads.map(Number)])).toEqual([
      [40, 2, []],
      [2, 1, [4, 100, 0]],
    ]);
  });

  it('answers 503 when the database is unreachable', async () => {
    const res = await app.request(
      '/health',
      {},
      { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', db: 'unreachable' });
  });

  it('answers 503 with Retry-After when the database drops out under a write', async () => {
    const token = await apiClient(target).register();
    const res = await app.request(
      '/v1/observations',
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ observations: [item()] }),
      },
      { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unavailable');
  });

  it('refuses to run with a weak secret', async () => {
    const res = await app.request('/health', {}, { ...env, INSTALL_SECRET: 'short' });
    expect(res.status).toBe(500);
  });

  it('rate-limits per IP through the rate-limit binding interface', async () => {
    const limited = { ...env, IP_RATE_LIMITER: new MemoryRateLimiter({ limit: 3, periodSeconds: 60 }) };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.request(
        '/v1/products/1005001/history?currency=USD',
        { headers: { 'cf-connecting-ip': '192.0.2.9' } },
        limited,
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const other = await app.request(
      '/v1/deals?currency=USD',
      { headers: { 'cf-connecting-ip': '192.0.2.10' } },
      limited,
    );
    expect(other.status).toBe(200);
  });

  it('limits new credentials per IP much more tightly', async () => {
    const limited = { ...env, INSTALL_RATE_LIMITER: new MemoryRateLimiter({ limit: 2, periodSeconds: 60 }) };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.request(
        '/v1/installs',
        { method: 'POST', headers: { 'cf-connecting-ip': '192.0.2.77' } },
        limited,
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });
});
