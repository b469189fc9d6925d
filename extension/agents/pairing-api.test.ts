import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Watch } from '../../shared/alerts.ts';
import {
  derivePairKeys,
  openWatchlist,
  type PairedWatchlist,
  parsePairCode,
  sealWatchlist,
} from '../../shared/pairing.ts';
import { type RunningApi, startApi } from '../../worker/src/local.ts';
import { type CompanionDb, openDb, seriesKeyOf } from '../db.ts';
import { type NotificationPort, notificationAgent } from './notification.ts';
import { pairingAgent, type WatchWriter } from './pairing.ts';
import { SHARING_KEY } from './sync.ts';

/** The pairing agent against the real API (worker/src/local.ts on PGlite), the phone played with shared/pairing.ts. */

const UI = { kind: 'ui' as const, tabId: null, url: null };

const silentPort: NotificationPort = {
  show: async () => {},
  shownIds: async () => [],
  clear: async () => {},
  scheduleAt: async () => {},
  openTab: async () => {},
  watchlistUrl: () => 'chrome-extension://x/watchlist.html',
};

const watchWriter = (n: ReturnType<typeof notificationAgent>): WatchWriter => ({
  save: (input) => n.handlers!['watch:save']!(input, UI),
  remove: (id) => n.handlers!['watch:delete']!({ id }, UI),
});

describe('pairing agent against the local API', () => {
  let api: RunningApi;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pairing-api-test-'));
    api = await startApi({ port: 0, dataDir });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function setup() {
    const db: CompanionDb = openDb(`test-${crypto.randomUUID()}`);
    await db.settings.put({ key: SHARING_KEY, value: { sharing: false, decidedAt: null, apiBase: api.url } });
    let now = 1_700_000_000_000;
    const notifications = notificationAgent(db, { port: silentPort, now: () => now });
    const agent = pairingAgent(db, watchWriter(notifications), {
      fetch: (url, init) => fetch(url, init),
      now: () => now,
      pwaOrigin: 'https://pwa.example',
    });
    return { db, agent, tick: () => (now += 1000) };
  }

  async function addWatch(db: CompanionDb, productId: string, targetPrice: number) {
    const watch: Watch = {
      id: crypto.randomUUID(),
      productId,
      skuId: null,
      currency: 'USD',
      region: null,
      title: `Product ${productId}`,
      url: null,
      conditions: { targetPrice, pctBelowTypical: null, allTimeLow: false, backInStock: false },
      landed: false,
      createdAt: 1,
      snoozedUntil: null,
    };
    await db.watchlist.put({ ...watch, series: seriesKeyOf(watch) });
    return watch;
  }

  async function phoneKeys(code: string) {
    return derivePairKeys(parsePairCode(code)!);
  }

  async function readBlob(code: string): Promise<{ list: PairedWatchlist; version: number } | null> {
    const keys = await phoneKeys(code);
    const res = await fetch(`${api.url}/v1/pair/${keys.pairId}`);
    if (res.status === 404) return null;
    const blob = (await res.json()) as { ciphertext: string; version: number };
    return { list: await openWatchlist(keys, blob.ciphertext), version: blob.version };
  }

  it('pairs, pushes local watches, pulls the phone’s, follows removals both ways and unpairs', async () => {
    const { db, agent, tick } = await setup();
    const h = agent.handlers!;
    await addWatch(db, '1005001', 1500);
    const local2 = await addWatch(db, '1005002', 999);

    const started = await h['pairing:start']!({}, UI);
    expect(started.paired).toBe(true);
    expect(started.lastError).toBeNull();
    expect(started.link).toBe(`https://pwa.example/pair?code=${started.code}`);
    const code = started.code!;

    // The server holds only ciphertext; the phone's key opens it.
    const first = (await readBlob(code))!;
    expect(first.list.watches.map((w) => `${w.productId}:${w.target}`)).toEqual([
      '1005001:15.00',
      '1005002:9.99',
    ]);

    // The phone adds a watch and removes 1005001.
    tick();
    const keys = await phoneKeys(code);
    const phoneList: PairedWatchlist = {
      v: 1,
      watches: [
        ...first.list.watches.map((w) =>
          w.productId === '1005001' ? { ...w, deleted: true, updatedAt: 1_700_000_000_500 } : w,
        ),
        {
          productId: '1005003',
          currency: 'USD',
          region: null,
          target: '4.20',
          title: 'From the phone',
          updatedAt: 1_700_000_000_500,
        },
      ],
    };
    const write = await fetch(`${api.url}/v1/pair/${keys.pairId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ciphertext: await sealWatchlist(keys, phoneList), baseVersion: first.version }),
    });
    expect(write.status).toBe(200);

    const synced = await h['pairing:sync']!({}, UI);
    expect(synced.lastError).toBeNull();
    const rows = await db.watchlist.toArray();
    expect(rows.map((r) => `${r.productId}:${r.conditions.targetPrice}`).sort()).toEqual([
      '1005002:999',
      '1005003:420',
    ]);

    // This device removes 1005002: the next sync carries a tombstone.
    tick();
    await db.watchlist.delete(local2.id);
    await h['pairing:sync']!({}, UI);
    const after = (await readBlob(code))!;
    expect(after.list.watches.filter((w) => !w.deleted).map((w) => w.productId)).toEqual(['1005003']);
    expect(after.list.watches.find((w) => w.productId === '1005002')?.deleted).toBe(true);

    const unpaired = await h['pairing:unpair']!({}, UI);
    expect(unpaired.paired).toBe(false);
    expect(await readBlob(code)).toBeNull();
    // Unpairing keeps this device's own list.
    expect((await db.watchlist.toArray()).map((r) => r.productId)).toEqual(['1005003']);
  }, 30_000);

  it('reports an unreachable API instead of throwing, and keeps the pairing', async () => {
    const { db, agent } = await setup();
    await db.settings.put({
      key: SHARING_KEY,
      value: { sharing: false, decidedAt: null, apiBase: 'http://127.0.0.1:9' },
    });
    const status = await agent.handlers!['pairing:start']!({}, UI);
    expect(status.paired).toBe(true);
    expect(status.lastError).toMatch(/fetch failed|ECONNREFUSED/i);
  });
});
