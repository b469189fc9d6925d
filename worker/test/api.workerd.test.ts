/**
 * The worker inside workerd (vitest-pool-workers), against a fresh PostgreSQL database through the Neon driver and
 * the WebSocket proxy started by global-setup.ts.
 */
import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newPool } from '../src/db/client.ts';
import app from '../src/index.ts';
import { MemoryRateLimiter } from '../src/rate-limit.ts';
import { apiSuite } from './api-suite.ts';
import type { ApiTarget } from './target.ts';

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
  it('answers 503 when the database is unreachable', async () => {
    const res = await app.request(
      '/health',
      {},
      { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', db: 'unreachable' });
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
