import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  derivePairKeys,
  newPairSecret,
  openWatchlist,
  type PairedWatchlistInput,
  type PairKeys,
  sealWatchlist,
  TOMBSTONE_TTL_MS,
} from '../../shared/pairing.ts';
import { type RunningApi, startApi } from '../../worker/src/local.ts';
import { ELSEWHERE_KEY, openDb } from './db.ts';
import { syncOnce } from './pair-sync.ts';
import { createWatchlist } from './watchlist.ts';

/** The PWA's side of a sync against the real API (PGlite); the extension is played with shared/pairing.ts. */

let api: RunningApi;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pwa-pair-sync-'));
  api = await startApi({ port: 0, dataDir });
  // The app calls its own origin (/v1/…); here that origin is the API.
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => realFetch(api.url + url, init));
}, 60_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await api?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function blob(keys: PairKeys) {
  const res = await fetch(`/v1/pair/${keys.pairId}`);
  const body = (await res.json()) as { ciphertext: string; version: number };
  return { list: await openWatchlist(keys, body.ciphertext), version: body.version };
}

describe('PWA pairing sync', () => {
  it('holds target watches with all their conditions, lists the rest, and keeps conditions when the target changes', async () => {
    const keys = await derivePairKeys(newPairSecret());
    const fromExtension: PairedWatchlistInput = {
      v: 2,
      watches: [
        {
          productId: '1005051',
          currency: 'USD',
          region: null,
          target: '20.00',
          allTimeLow: true,
          pctBelowTypical: 10,
          title: 'Lamp',
          updatedAt: 1000,
        },
        {
          productId: '1005052',
          skuId: '12000052',
          currency: 'USD',
          region: null,
          target: '5.00',
          title: 'A variant',
          updatedAt: 1000,
        },
        {
          productId: '1005053',
          currency: 'USD',
          region: null,
          target: null,
          backInStock: true,
          title: 'Sold out',
          updatedAt: 1000,
        },
      ],
    };
    const res = await fetch(`/v1/pair/${keys.pairId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ciphertext: await sealWatchlist(keys, fromExtension), baseVersion: 0 }),
    });
    expect(res.status).toBe(200);

    const db = openDb(`pair-sync-${crypto.randomUUID()}`);
    await syncOnce(db, keys);
    const rows = await db.watches.toArray();
    expect(rows.map((r) => [r.productId, r.target, r.conditions])).toEqual([
      ['1005051', 2000, { pctBelowTypical: 10, allTimeLow: true, backInStock: false, landed: false }],
    ]);
    const elsewhere = (await db.meta.get(ELSEWHERE_KEY))?.value as { productId: string }[];
    expect(elsewhere.map((w) => w.productId)).toEqual(['1005052', '1005053']);

    // A new target on the phone keeps the conditions the extension set; the others stay as they were.
    const list = createWatchlist(db, () => 5000);
    await list.add({ productId: '1005051', currency: 'USD', region: null, target: 1800, title: 'Lamp' });
    list.close();
    await syncOnce(db, keys);
    const after = await blob(keys);
    expect(
      after.list.watches.map((w) => [w.productId, w.skuId, w.target, w.allTimeLow, w.backInStock]),
    ).toEqual([
      ['1005051', null, '18.00', true, false],
      ['1005052', '12000052', '5.00', false, false],
      ['1005053', null, null, false, true],
    ]);
    expect(after.list.watches[0]?.pctBelowTypical).toBe(10);
    await db.delete();
  });

  it('forgets a removal after TOMBSTONE_TTL_MS: on the shared list and on the phone', async () => {
    const keys = await derivePairKeys(newPairSecret());
    const db = openDb(`pair-sync-${crypto.randomUUID()}`);
    const day = 24 * 60 * 60 * 1000;
    const removedAt = Date.now() - TOMBSTONE_TTL_MS - day;
    // Removed on the phone just over the TTL ago, and just removed: only the recent removal travels.
    await db.meta.put({ key: 'tombstones', value: { '1005061': removedAt, '1005062': Date.now() - day } });
    await syncOnce(db, keys);
    const shared = await blob(keys);
    expect(shared.list.watches.map((w) => [w.productId, w.deleted])).toEqual([['1005062', true]]);
    expect((await db.meta.get('tombstones'))?.value).toEqual({ '1005062': expect.any(Number) });
    await db.delete();
  });
});
