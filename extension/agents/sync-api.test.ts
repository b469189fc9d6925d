import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContributionsExport } from '../../shared/api.ts';
import { type RunningApi, startApi } from '../../worker/src/local.ts';
import type { FetchLike } from '../community-api.ts';
import { type CompanionDb, openDb } from '../db.ts';
import { CREDENTIAL_KEY, type Credential, MAX_QUEUE, SHARING_KEY, type SyncPort, syncAgent } from './sync.ts';
import { addRead } from './sync-test-api.ts';

/**
 * The sync agent against the real API (worker/src/local.ts on PGlite): a week's worth of queued reads drains in
 * batches, a batch whose answer is lost is re-sent without duplicates, and a new install's first-day quota holds
 * the rest for the next day. Prints the figures (drain time, batches).
 */

const DAY = 86_400_000;

describe('sync agent against the local API', () => {
  let api: RunningApi;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sync-api-test-'));
    // Quotas raised for the drain; one test puts the first-day quota back.
    api = await startApi({ port: 0, dataDir, env: { QUOTA_FIRST_DAY: '100000', QUOTA_MAX: '100000' } });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function install(fetchFn: FetchLike = (url, init) => fetch(url, init)) {
    const db: CompanionDb = openDb(`test-${crypto.randomUUID()}`);
    const batches: number[] = [];
    const port: SyncPort = {
      fetch: async (url, init) => {
        if (url.endsWith('/v1/observations')) batches.push(JSON.parse(String(init.body)).observations.length);
        return fetchFn(url, init);
      },
      now: Date.now,
      random: Math.random,
      alarmAt: async () => null,
      setAlarm: async () => {},
      sharingPermitted: async () => true,
    };
    const agent = syncAgent(db, port);
    await db.settings.put({ key: SHARING_KEY, value: { sharing: false, decidedAt: null, apiBase: api.url } });
    await agent.setSharing(true);
    const exported = async () => {
      const credential = (await db.settings.get(CREDENTIAL_KEY))?.value as Credential;
      const res = await fetch(`${api.url}/v1/contributions`, {
        headers: { Authorization: `Bearer ${credential.token}` },
      });
      return (await res.json()) as ContributionsExport;
    };
    return { db, agent, batches, exported };
  }

  /** A week of browsing offline: `n` reads of different products spread over seven days. */
  async function offlineWeek(db: CompanionDb, n: number) {
    const now = Date.now();
    await db.transaction('rw', db.observations, async () => {
      for (let i = 0; i < n; i++)
        await addRead(db, now - 7 * DAY + (i * 7 * DAY) / n, 1000 + (i % 97), String(2005000000 + i));
    });
  }

  it('drains a full queue (a week offline) in batches of 500, every read exactly once', async () => {
    const { db, agent, batches, exported } = await install();
    await offlineWeek(db, MAX_QUEUE);
    const started = performance.now();
    const out = await agent.flush();
    const ms = performance.now() - started;
    console.log(
      `drained ${out.accepted} reads in ${batches.length} batches in ${(ms / 1000).toFixed(2)} s ` +
        `(${Math.round(out.accepted / (ms / 1000))} reads/s, local API on PGlite)`,
    );
    expect(out).toMatchObject({ accepted: MAX_QUEUE, duplicates: 0, dropped: 0, stopped: 'empty' });
    expect(batches).toEqual(Array(MAX_QUEUE / 500).fill(500));
    expect((await exported()).count).toBe(MAX_QUEUE);
    await db.delete();
  }, 120_000);

  it('a batch whose answer is lost is re-sent and counted once by the API', async () => {
    let lose = true;
    const { db, agent, exported } = await install(async (url, init) => {
      const res = await fetch(url, init);
      if (lose && url.endsWith('/v1/observations')) {
        lose = false;
        throw new TypeError('network error: connection reset');
      }
      return res;
    });
    await offlineWeek(db, 700);
    expect(await agent.flush()).toMatchObject({ stopped: 'failed', accepted: 0 });
    expect((await exported()).count).toBe(500); // the first batch got in; the extension never heard
    const out = await agent.flush({ force: true });
    expect(out).toMatchObject({ accepted: 200, duplicates: 500, stopped: 'empty' });
    const rows = (await exported()).contributions;
    expect(rows).toHaveLength(700);
    expect(new Set(rows.map((r) => r.productId)).size).toBe(700);
    await db.delete();
  }, 60_000);
});

describe('sync agent and a new install’s first-day quota', () => {
  it('keeps what the quota refuses for the next UTC day instead of dropping it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sync-api-quota-'));
    const api = await startApi({ port: 0, dataDir, env: { QUOTA_FIRST_DAY: '200' } });
    try {
      const db = openDb(`test-${crypto.randomUUID()}`);
      let alarm: number | null = null;
      const agent = syncAgent(db, {
        fetch: (url, init) => fetch(url, init),
        now: Date.now,
        random: Math.random,
        alarmAt: async () => alarm,
        setAlarm: async (when) => {
          alarm = when;
        },
        sharingPermitted: async () => true,
      });
      await db.settings.put({
        key: SHARING_KEY,
        value: { sharing: false, decidedAt: null, apiBase: api.url },
      });
      await agent.setSharing(true);
      const now = Date.now();
      for (let i = 0; i < 500; i++) await addRead(db, now - i * 1000, 1000 + i, String(3005000000 + i));
      const out = await agent.flush();
      console.log(
        `first day: ${out.accepted} accepted, ${await db.syncQueue.count()} wait for the next UTC day`,
      );
      expect(out).toMatchObject({ accepted: 200, dropped: 0, stopped: 'quota' });
      expect(await db.syncQueue.count()).toBe(300);
      // The next UTC midnight, when the quota resets.
      expect(alarm! % DAY).toBe(0);
      expect(alarm!).toBeGreaterThan(now);
      expect(alarm!).toBeLessThanOrEqual(Date.now() + DAY);
      await db.delete();
    } finally {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
