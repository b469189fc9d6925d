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
  type PairedWatchlistInput,
  parsePairCode,
  sealWatchlist,
  TOMBSTONE_TTL_MS,
} from '../../shared/pairing.ts';
import { type RunningApi, startApi } from '../../worker/src/local.ts';
import { type CompanionDb, openDb, seriesKeyOf } from '../db.ts';
import { type NotificationPort, notificationAgent } from './notification.ts';
import {
  DEBOUNCE_MS,
  hookWatchChanges,
  type PairingPort,
  PERIOD_MS,
  pairingAgent,
  type WatchWriter,
} from './pairing.ts';
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

  async function setup(port: Partial<PairingPort> = {}) {
    const db: CompanionDb = openDb(`test-${crypto.randomUUID()}`);
    await db.settings.put({ key: SHARING_KEY, value: { sharing: false, decidedAt: null, apiBase: api.url } });
    let now = 1_700_000_000_000;
    const notifications = notificationAgent(db, { port: silentPort, now: () => now });
    const writer = watchWriter(notifications);
    const agent = pairingAgent(db, writer, {
      fetch: (url, init) => fetch(url, init),
      now: () => now,
      pwaOrigin: 'https://pwa.example',
      ...port,
    });
    return { db, agent, writer, tick: (ms = 1000) => (now += ms), at: () => now };
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
    const phoneList: PairedWatchlistInput = {
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
  it('a watch removed while a round trip is out stays removed, and the removal reaches the phone next time', async () => {
    let during: (() => Promise<void>) | null = null;
    const { db, agent, tick } = await setup({
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        // The shopper deletes a watch while the blob is on its way back (after the read, before the merge).
        if (init.method === 'GET' && during) {
          const run = during;
          during = null;
          await run();
        }
        return res;
      },
    });
    const h = agent.handlers!;
    const a = await addWatch(db, '1005011', 1500);
    await addWatch(db, '1005012', 2500);
    const code = (await h['pairing:start']!({}, UI)).code!;

    // The phone lowers that watch's target…
    tick();
    const keys = await phoneKeys(code);
    const before = (await readBlob(code))!;
    const phoneList: PairedWatchlistInput = {
      v: 1,
      watches: before.list.watches.map((w) =>
        w.productId === '1005011' ? { ...w, target: '12.00', updatedAt: 1_700_000_001_500 } : w,
      ),
    };
    const write = await fetch(`${api.url}/v1/pair/${keys.pairId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ciphertext: await sealWatchlist(keys, phoneList), baseVersion: before.version }),
    });
    expect(write.status).toBe(200);
    // …and later, while this device's sync is out, the shopper deletes it here: the later change must win.
    tick();
    tick();
    during = async () => {
      await db.watchlist.delete(a.id);
    };
    await h['pairing:sync']!({}, UI);
    expect((await db.watchlist.toArray()).map((r) => r.productId)).toEqual(['1005012']);

    tick();
    await h['pairing:sync']!({}, UI);
    const blob = (await readBlob(code))!;
    expect(blob.list.watches.map((w) => `${w.productId}:${Boolean(w.deleted)}`)).toEqual([
      '1005011:true',
      '1005012:false',
    ]);
  }, 30_000);

  it('unpairing while a round trip is out waits for it: the shared copy and the pairing stay gone', async () => {
    let during: (() => void) | null = null;
    let deleted: () => void = () => {};
    const deleteDone = new Promise<void>((resolve) => {
      deleted = resolve;
    });
    const { db, agent } = await setup({
      fetch: async (url, init) => {
        // The sync's write goes after the unpair's delete if the unpair does not wait for it (at most 0.5 s).
        if (init.method === 'POST' && !during)
          await Promise.race([deleteDone, new Promise((r) => setTimeout(r, 500))]);
        const res = await fetch(url, init);
        if (init.method === 'DELETE') deleted();
        // The shopper presses Unpair while the blob is on its way back, before this sync writes.
        if (init.method === 'GET' && during) {
          const run = during;
          during = null;
          run();
        }
        return res;
      },
    });
    const h = agent.handlers!;
    await addWatch(db, '1005021', 1500);
    const code = (await h['pairing:start']!({}, UI)).code!;
    expect(await readBlob(code)).not.toBeNull();

    let unpaired: Promise<{ paired: boolean }> | null = null;
    during = () => {
      unpaired = h['pairing:unpair']!({}, UI);
    };
    await addWatch(db, '1005022', 2500);
    await h['pairing:sync']!({}, UI);
    expect(unpaired).not.toBeNull();
    expect((await unpaired!).paired).toBe(false);
    expect(await readBlob(code)).toBeNull();
    expect((await h['pairing:status']!({}, UI)).paired).toBe(false);
  }, 30_000);

  it('a removal travels without its title and leaves the shared list after TOMBSTONE_TTL_MS', async () => {
    const { db, agent, tick } = await setup();
    const removed = await addWatch(db, '1005031', 1500);
    const code = (await agent.handlers!['pairing:start']!({}, UI)).code!;
    tick();
    await db.watchlist.delete(removed.id);
    await agent.sync();
    expect((await readBlob(code))!.list.watches).toEqual([
      expect.objectContaining({ productId: '1005031', deleted: true, title: null }),
    ]);

    // Past the TTL, the next write leaves the removal out (here: a new watch is written).
    tick(TOMBSTONE_TTL_MS + 1000);
    await addWatch(db, '1005032', 700);
    await agent.sync();
    expect((await readBlob(code))!.list.watches.map((w) => [w.productId, Boolean(w.deleted)])).toEqual([
      ['1005032', false],
    ]);
  });

  it('an idle sync reads but does not write, so the version stays put', async () => {
    const { db, agent, tick } = await setup();
    await addWatch(db, '1005021', 1500);
    const code = (await agent.handlers!['pairing:start']!({}, UI)).code!;
    const v1 = (await readBlob(code))!.version;
    tick();
    await agent.sync();
    expect((await readBlob(code))!.version).toBe(v1);
  });

  it('syncs by itself shortly after a watch change, and sets the periodic alarm', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const alarms: (number | null)[] = [];
    let calls = 0;
    const { db, agent, tick, at } = await setup({
      fetch: (url, init) => {
        calls++;
        return fetch(url, init);
      },
      later: (fn, ms) => {
        const t = { fn, ms };
        timers.push(t);
        return () => timers.splice(timers.indexOf(t), 1);
      },
      schedule: async (when) => {
        alarms.push(when);
      },
    });
    const code = (await agent.handlers!['pairing:start']!({}, UI)).code!;
    expect(alarms.at(-1)).toBe(at() + PERIOD_MS);
    // A worker restart soon after: no round trip, the alarm is kept for the period's end.
    const paired = at();
    tick();
    const before = calls;
    await agent.start();
    expect(calls).toBe(before);
    expect(alarms.at(-1)).toBe(paired + PERIOD_MS);
    await addWatch(db, '1005031', 700);
    agent.watchesChanged();
    agent.watchesChanged();
    // Debounced: two changes, one pending sync.
    expect(timers.map((t) => t.ms)).toEqual([DEBOUNCE_MS]);
    tick();
    timers[0]!.fn();
    await expect
      .poll(async () => (await readBlob(code))?.list.watches.map((w) => w.productId))
      .toEqual(['1005031']);
  });

  it('backs off after a failure: automatic syncs wait it out, the alarm is set for its end, "Sync now" still tries', async () => {
    let calls = 0;
    let failing = true;
    const alarms: (number | null)[] = [];
    const { agent, at } = await setup({
      fetch: async (url, init) => {
        calls++;
        if (failing) return new Response('busy', { status: 503, headers: { 'retry-after': '120' } });
        return fetch(url, init);
      },
      schedule: async (when) => {
        alarms.push(when);
      },
    });
    const started = await agent.handlers!['pairing:start']!({}, UI);
    expect(started.lastError).toMatch(/HTTP 503/);
    expect(calls).toBe(1);
    // Retry-After (120 s) is longer than the first backoff step (15–30 s): it is the floor.
    expect(alarms.at(-1)).toBe(at() + 120_000);

    await agent.sync();
    expect(calls).toBe(1);

    failing = false;
    const manual = await agent.handlers!['pairing:sync']!({}, UI);
    expect(manual.lastError).toBeNull();
    expect(calls).toBeGreaterThan(1);
    expect(alarms.at(-1)).toBe(at() + PERIOD_MS);
  });
  it('every condition travels: a variant watch without a target goes up, a phone watch with conditions comes down', async () => {
    const { db, agent, tick } = await setup();
    const sku: Watch = {
      id: crypto.randomUUID(),
      productId: '1005041',
      skuId: '12000041',
      currency: 'EUR',
      region: 'DE',
      title: 'A variant',
      url: null,
      conditions: { targetPrice: null, pctBelowTypical: 20, allTimeLow: true, backInStock: true },
      landed: true,
      createdAt: 1,
      snoozedUntil: null,
    };
    await db.watchlist.put({ ...sku, series: seriesKeyOf(sku) });
    // The same product as a whole is a separate watch on the shared list.
    await addWatch(db, '1005041', 1999);
    const code = (await agent.handlers!['pairing:start']!({}, UI)).code!;
    const blob = (await readBlob(code))!;
    expect(blob.list.v).toBe(2);
    expect(blob.list.watches).toEqual([
      expect.objectContaining({ productId: '1005041', skuId: null, target: '19.99', allTimeLow: false }),
      expect.objectContaining({
        productId: '1005041',
        skuId: '12000041',
        currency: 'EUR',
        region: 'DE',
        target: null,
        pctBelowTypical: 20,
        allTimeLow: true,
        backInStock: true,
        landed: true,
      }),
    ]);

    // The phone adds '% below typical' (the global default) to the product-level watch.
    tick();
    const keys = await phoneKeys(code);
    const list: PairedWatchlistInput = {
      v: 2,
      watches: blob.list.watches.map((w) =>
        w.skuId === null ? { ...w, pctBelowTypical: 'default' as const, updatedAt: 1_700_000_000_900 } : w,
      ),
    };
    const write = await fetch(`${api.url}/v1/pair/${keys.pairId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ciphertext: await sealWatchlist(keys, list), baseVersion: blob.version }),
    });
    expect(write.status).toBe(200);
    tick();
    await agent.handlers!['pairing:sync']!({}, UI);
    const rows = (await db.watchlist.toArray()).sort((a, b) => (a.skuId ?? '').localeCompare(b.skuId ?? ''));
    expect(rows.map((r) => [r.skuId, r.conditions, r.landed])).toEqual([
      [null, { targetPrice: 1999, pctBelowTypical: 'default', allTimeLow: false, backInStock: false }, false],
      ['12000041', { targetPrice: null, pctBelowTypical: 20, allTimeLow: true, backInStock: true }, true],
    ]);
  });
});

describe('hookWatchChanges', () => {
  it('reports changes made through the watch handlers, but not the pairing agent’s own writes', async () => {
    const db: CompanionDb = openDb(`test-${crypto.randomUUID()}`);
    const notifications = notificationAgent(db, { port: silentPort });
    let changes = 0;
    const own = hookWatchChanges(notifications.handlers!, () => changes++);
    const h = notifications.handlers!;
    const input = {
      id: null,
      productId: '1005061',
      skuId: null,
      currency: 'USD',
      region: null,
      title: null,
      url: null,
      conditions: { targetPrice: 500, pctBelowTypical: null, allTimeLow: false, backInStock: false },
      landed: false,
    };
    const saved = await h['watch:save']!(input, UI);
    const backup = await h['watch:delete']!({ id: saved.id }, UI);
    await h['watch:restore']!(backup!, UI);
    expect(changes).toBe(3);
    const mine = await own.save({ ...input, productId: '1005062' });
    await own.remove((mine as { id: string }).id);
    expect(changes).toBe(3);
    expect((await db.watchlist.toArray()).map((w) => w.productId)).toEqual(['1005061']);
  });
});
