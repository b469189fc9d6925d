/** Pairing storage on Node with PGlite: opaque blobs, optimistic concurrency, unpairing deletes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  derivePairKeys,
  newPairSecret,
  openWatchlist,
  pairedWatchlistSchema,
  sealWatchlist,
} from '../../../shared/pairing.ts';
import { createApp } from '../app.ts';
import type { Bindings } from '../env.ts';
import { type DataDir, openDataDir } from '../local.ts';
import { MemoryRateLimiter } from '../rate-limit.ts';

let dir: string;
let store: DataDir;
let env: Bindings;
const app = createApp();

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const headers = new Headers({ 'cf-connecting-ip': '198.51.100.9' });
  if (body !== undefined) headers.set('content-type', 'application/json');
  return app.request(
    path,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
    env,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'companion-pair-'));
  store = await openDataDir(dir);
  env = {
    INSTALL_SECRET: 'pair-test-secret-pair-test-secret-0123456789',
    IP_RATE_LIMITER: new MemoryRateLimiter({ limit: 100_000, periodSeconds: 60 }),
    INSTALL_RATE_LIMITER: new MemoryRateLimiter({ limit: 1000, periodSeconds: 60 }),
    LOCAL_DB: store.db,
  };
});

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/v1/pair', () => {
  it('stores what one device sealed so only the other device can read it', async () => {
    const secret = newPairSecret();
    const extension = await derivePairKeys(secret);
    const pwa = await derivePairKeys(secret);
    const list = {
      v: 1 as const,
      watches: [
        {
          productId: '1005005424987520',
          currency: 'USD',
          region: null,
          target: '15.00',
          title: 'Lamp',
          updatedAt: 1,
        },
      ],
    };

    expect((await call('GET', `/v1/pair/${extension.pairId}`)).status).toBe(404);
    const first = await call('POST', `/v1/pair/${extension.pairId}`, {
      ciphertext: await sealWatchlist(extension, list),
      baseVersion: 0,
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ version: 1 });

    const got = (await (await call('GET', `/v1/pair/${pwa.pairId}`)).json()) as {
      ciphertext: string;
      version: number;
    };
    expect(got.version).toBe(1);
    expect(await openWatchlist(pwa, got.ciphertext)).toEqual(pairedWatchlistSchema.parse(list));

    // The server holds the pair id and ciphertext only: no product id, no target, no title.
    const { rows } = await store.pglite.query<Record<string, unknown>>('SELECT * FROM pair_blobs');
    expect(Object.keys(rows[0]!).sort()).toEqual(['ciphertext', 'pair_id', 'updated_at', 'version']);
    expect(JSON.stringify(rows)).not.toMatch(/1005005424987520|Lamp|15\.00/);
  });

  it('refuses a write based on an old version (the writer must merge first)', async () => {
    const { pairId } = await derivePairKeys(newPairSecret());
    const blob = 'A'.repeat(40);
    expect((await call('POST', `/v1/pair/${pairId}`, { ciphertext: blob, baseVersion: 0 })).status).toBe(200);
    expect((await call('POST', `/v1/pair/${pairId}`, { ciphertext: blob, baseVersion: 0 })).status).toBe(409);
    expect(
      await (await call('POST', `/v1/pair/${pairId}`, { ciphertext: blob, baseVersion: 1 })).json(),
    ).toEqual({ version: 2 });
    expect((await call('POST', `/v1/pair/${pairId}`, { ciphertext: blob, baseVersion: 1 })).status).toBe(409);
    expect((await call('POST', `/v1/pair/${pairId}`, { ciphertext: blob, baseVersion: 7 })).status).toBe(409);
  });

  it('deletes the blob on unpairing', async () => {
    const { pairId } = await derivePairKeys(newPairSecret());
    await call('POST', `/v1/pair/${pairId}`, { ciphertext: 'B'.repeat(40), baseVersion: 0 });
    expect(await (await call('DELETE', `/v1/pair/${pairId}`)).json()).toEqual({ deleted: 1 });
    expect((await call('GET', `/v1/pair/${pairId}`)).status).toBe(404);
    expect(await (await call('DELETE', `/v1/pair/${pairId}`)).json()).toEqual({ deleted: 0 });
  });

  it.each([
    ['a pair id that is not 32 hex digits', 'GET', '/v1/pair/XYZ', undefined, 400],
    [
      'a ciphertext that is not base64url',
      'POST',
      `/v1/pair/${'a'.repeat(32)}`,
      { ciphertext: '<script>alert(1)</script>', baseVersion: 0 },
      400,
    ],
    [
      'a negative base version',
      'POST',
      `/v1/pair/${'a'.repeat(32)}`,
      { ciphertext: 'A'.repeat(40), baseVersion: -1 },
      400,
    ],
    [
      'an extra field',
      'POST',
      `/v1/pair/${'a'.repeat(32)}`,
      { ciphertext: 'A'.repeat(40), baseVersion: 0, owner: 'x' },
      400,
    ],
    [
      'an oversized blob',
      'POST',
      `/v1/pair/${'a'.repeat(32)}`,
      { ciphertext: 'A'.repeat(300 * 1024), baseVersion: 0 },
      413,
    ],
  ])('refuses %s', async (_name, method, path, body, status) => {
    const before = (await store.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM pair_blobs'))
      .rows[0]!.n;
    expect((await call(method, path, body)).status).toBe(status);
    expect(
      (await store.pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM pair_blobs')).rows[0]!.n,
    ).toBe(before);
  });
});
