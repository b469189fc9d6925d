import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay, nextAttemptAt, retryAfterMs } from '../../shared/sync-backoff.ts';
import { type CompanionDb, openDb } from '../db.ts';
import { expectWordedAudit } from '../ui/audit-text-check.ts';
import {
  CREDENTIAL_KEY,
  enqueueNew,
  MAX_AGE_MS,
  type SyncAgent,
  type SyncPort,
  syncAgent,
  UPLOAD_DELAY_MS,
} from './sync.ts';
import { addRead, FakeApi } from './sync-test-api.ts';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);

describe('backoff schedule', () => {
  it('doubles from 30 s with equal jitter and caps at 6 h', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, low))).toEqual([
      15_000, 30_000, 60_000, 120_000, 240_000,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, high))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
    expect(backoffDelay(30, high)).toBe(6 * 3_600_000);
    expect(backoffDelay(30, low)).toBe(3 * 3_600_000);
  });

  it('spreads retries: 1000 clients after the same failure do not come back together', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const delays = new Set(Array.from({ length: 1000 }, () => Math.round(backoffDelay(3, random) / 1000)));
    expect(delays.size).toBeGreaterThan(50);
  });

  it('reads Retry-After as seconds or an HTTP date and never waits less than it', () => {
    expect(retryAfterMs('120', T0)).toBe(120_000);
    expect(retryAfterMs(new Date(T0 + 90_000).toUTCString(), T0)).toBe(90_000);
    expect(retryAfterMs('soon', T0)).toBeNull();
    expect(retryAfterMs(null, T0)).toBeNull();
    expect(retryAfterMs('99999999', T0)).toBe(25 * 3_600_000);
    expect(nextAttemptAt(T0, 1, 3_600_000, () => 1)).toBe(T0 + 3_600_000);
    expect(nextAttemptAt(T0, 1, 1_000, () => 1)).toBe(T0 + 30_000);
  });
});

describe('sync agent', () => {
  let db: CompanionDb;
  let now: number;
  let api: FakeApi;
  let alarm: number | null;
  let agent: SyncAgent;
  let permitted: boolean;

  beforeEach(() => {
    db = openDb(`test-${crypto.randomUUID()}`);
    now = T0;
    api = new FakeApi(() => now);
    alarm = null;
    permitted = true;
    const port: SyncPort = {
      fetch: api.fetch,
      now: () => now,
      random: () => 1,
      alarmAt: async () => alarm,
      setAlarm: async (when) => {
        alarm = when;
      },
      sharingPermitted: async () => permitted,
    };
    agent = syncAgent(db, port);
  });
  afterEach(async () => {
    await expectWordedAudit(db);
    await db.delete();
  });

  const auditDetails = async () =>
    (await db.auditEvents.where('kind').equals('sync').toArray()).map((a) => a.detail);

  it('without consent queues nothing and sends nothing', async () => {
    await addRead(db, now, 1000);
    await agent.onNewReads();
    expect(await agent.flush({ force: true })).toMatchObject({ stopped: 'off', sent: 0 });
    expect(await agent.start()).toMatchObject({ stopped: 'off' });
    expect(await db.syncQueue.count()).toBe(0);
    expect(api.requests).toEqual([]);
    expect(alarm).toBeNull();
  });

  it('shares only reads stored after consent, on an alarm a minute later', async () => {
    await addRead(db, now - 60_000, 900);
    await agent.setSharing(true);
    await addRead(db, now, 1000);
    await addRead(db, now, 1100, '1005002');
    await agent.onNewReads();
    expect(await db.syncQueue.count()).toBe(2);
    expect(alarm).toBe(now + UPLOAD_DELAY_MS);
    expect(api.requests).toEqual([]);

    now += UPLOAD_DELAY_MS;
    const out = await agent.flush();
    expect(out).toMatchObject({ sent: 2, accepted: 2, duplicates: 0, stopped: 'empty' });
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/installs',
      'POST /v1/observations',
    ]);
    expect([...api.rows.values()].map((r) => r.price).sort()).toEqual(['10.00', '11.00']);
    expect(await db.syncQueue.count()).toBe(0);
    expect(alarm).toBeNull();
    expect(await agent.status()).toMatchObject({ sharing: true, registered: true, queued: 0, uploaded: 2 });
  });

  it('queues every read exactly once however often enqueue runs', async () => {
    await agent.setSharing(true);
    for (let i = 0; i < 5; i++) await addRead(db, now + i, 1000 + i);
    await Promise.all([enqueueNew(db, now), enqueueNew(db, now), agent.onNewReads()]);
    await enqueueNew(db, now);
    expect(await db.syncQueue.count()).toBe(5);
  });

  it('uploads in batches of at most 500', async () => {
    await agent.setSharing(true);
    await db.transaction('rw', db.observations, async () => {
      for (let i = 0; i < 1_200; i++) await addRead(db, now - i * 1000, 1000 + i, String(1005000 + i));
    });
    const out = await agent.flush();
    expect(out).toMatchObject({ sent: 1_200, accepted: 1_200 });
    expect(api.requests.filter((r) => r.path === '/v1/observations').map((r) => r.items)).toEqual([
      500, 500, 200,
    ]);
    expect(api.rows.size).toBe(1_200);
  });

  it('a batch re-sent after a lost response creates no duplicates', async () => {
    await agent.setSharing(true);
    for (let i = 0; i < 10; i++) await addRead(db, now + i, 1000 + i);
    api.loseNextResponse = true;
    expect(await agent.flush()).toMatchObject({ stopped: 'failed' });
    expect(api.rows.size).toBe(10); // stored, but the extension never heard
    expect(await db.syncQueue.count()).toBe(10);
    await addRead(db, now + 20, 2000);
    now = (await agent.status()).nextAttemptAt!;
    const out = await agent.flush();
    expect(out).toMatchObject({ sent: 11, accepted: 1, duplicates: 10 });
    expect(api.rows.size).toBe(11);
    expect(await db.syncQueue.count()).toBe(0);
  });

  it('backs off exponentially on failures, honours Retry-After, and resets after a success', async () => {
    await agent.setSharing(true);
    await addRead(db, now, 1000);
    api.down = true;
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect(await agent.flush()).toMatchObject({ stopped: 'failed' });
      const s = await agent.status();
      waits.push(s.nextAttemptAt! - now);
      expect(alarm).toBe(s.nextAttemptAt);
      // Before the wait is over, a start (worker restart) sends nothing.
      const before = api.requests.length;
      expect(await agent.start()).toMatchObject({ stopped: 'backoff' });
      expect(api.requests.length).toBe(before);
      now = s.nextAttemptAt!;
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000]);

    api.down = false;
    api.failWith = { status: 429, headers: { 'Retry-After': '3600' }, times: 1 };
    await agent.flush();
    expect((await agent.status()).nextAttemptAt).toBe(now + 3_600_000);
    expect(await db.syncQueue.count()).toBe(1);

    now += 3_600_000;
    expect(await agent.flush()).toMatchObject({ accepted: 1, stopped: 'empty' });
    expect(await agent.status()).toMatchObject({ failures: 0, nextAttemptAt: null, lastError: null });
  });

  it('"Upload now" does not wait for the backoff', async () => {
    await agent.setSharing(true);
    await addRead(db, now, 1000);
    api.down = true;
    await agent.flush();
    api.down = false;
    expect(await agent.flush({ force: true })).toMatchObject({ accepted: 1 });
  });

  it('drops items the API refuses, with the reason audited, and keeps quota-refused ones for tomorrow', async () => {
    await agent.setSharing(true);
    await addRead(db, now, 1000);
    await addRead(db, now + 1, 1100, '1005002');
    await addRead(db, now + 2, 1200, '1005003');
    await addRead(db, now + 10 * 60_000, 1300, '1005004'); // in the future once sent at `now`
    api.quotaLeft = 2;
    const out = await agent.flush();
    expect(out).toMatchObject({ accepted: 2, dropped: 1, stopped: 'quota' });
    expect(await auditDetails()).toContainEqual(
      expect.stringMatching(/refused 1 reads \(1 × in_future.*1005004/),
    );
    const left = await db.syncQueue.toArray();
    expect(left.map((r) => r.observation.productId)).toEqual(['1005003']);
    const tomorrow = Date.UTC(2026, 10, 26);
    expect(alarm).toBe(tomorrow);
    expect(await agent.start()).toMatchObject({ stopped: 'backoff' });

    now = tomorrow;
    api.quotaLeft = 100;
    expect(await agent.flush()).toMatchObject({ accepted: 1, stopped: 'empty' });
  });

  it('a whole batch refused as invalid is dropped, never retried forever', async () => {
    await agent.setSharing(true);
    await addRead(db, now, 1000);
    api.failWith = { status: 400, times: 1, path: '/v1/observations' };
    expect(await agent.flush()).toMatchObject({ dropped: 1, stopped: 'empty' });
    expect(await db.syncQueue.count()).toBe(0);
    expect(await auditDetails()).toContainEqual(expect.stringMatching(/refused 1 reads \(1 × invalid_item/));
  });

  it('bounds the queue: the oldest reads go first, audited', async () => {
    await agent.setSharing(true);
    for (let i = 0; i < 15; i++) await addRead(db, now + i, 1000 + i);
    await enqueueNew(db, now, 10);
    const left = await db.syncQueue.orderBy(':id').toArray();
    expect(left.map((r) => r.observation.price)).toEqual([
      1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
    ]);
    expect(await auditDetails()).toContainEqual(
      expect.stringMatching(/queue full \(10\): dropped the 5 oldest/),
    );
  });

  it('drops reads older than the API accepts before sending them', async () => {
    await agent.setSharing(true);
    await addRead(db, now - MAX_AGE_MS - 1, 1000);
    await addRead(db, now, 1100);
    expect(await agent.flush()).toMatchObject({ sent: 1, accepted: 1 });
    expect(await auditDetails()).toContainEqual(
      expect.stringMatching(/dropped 1 unshared reads older than 30 days/),
    );
  });

  it('registers again once when the credential is refused', async () => {
    await agent.setSharing(true);
    await addRead(db, now, 1000);
    await agent.flush();
    api.tokens.clear(); // a new server secret
    await addRead(db, now + 1, 1100);
    expect(await agent.flush()).toMatchObject({ accepted: 1, stopped: 'empty' });
    expect(api.requests.filter((r) => r.path === '/v1/installs')).toHaveLength(2);
  });

  it('"Delete what I shared" erases on the server and reports the count; "Stop sharing" clears queue and credential', async () => {
    await agent.setSharing(true);
    for (let i = 0; i < 3; i++) await addRead(db, now + i, 1000 + i);
    await agent.flush();
    const handlers = agent.handlers!;
    expect(await handlers['sharing:delete-shared']!({}, { kind: 'ui', tabId: null, url: null })).toEqual({
      deleted: 3,
    });
    expect(api.rows.size).toBe(0);

    await addRead(db, now + 5, 2000);
    await agent.onNewReads();
    expect(await db.syncQueue.count()).toBe(1);
    const status = await agent.setSharing(false);
    expect(status).toMatchObject({ sharing: false, registered: false, queued: 0 });
    expect(await db.settings.get(CREDENTIAL_KEY)).toBeUndefined();
    expect(alarm).toBeNull();
    const details = await auditDetails();
    expect(details).toContainEqual(expect.stringMatching(/deleted what this browser shared: 3 reads erased/));
    expect(details).toContainEqual(expect.stringMatching(/sharing stopped: 1 unshared reads cleared/));

    // Off again: new reads stay local.
    const before = api.requests.length;
    await addRead(db, now + 6, 2100);
    await agent.onNewReads();
    await agent.flush({ force: true });
    expect(api.requests.length).toBe(before);
  });

  it("stops sharing at startup when Firefox's data permission was withdrawn", async () => {
    await agent.setSharing(true);
    await addRead(db, now, 1000);
    await agent.onNewReads();
    permitted = false;
    expect(await agent.start()).toMatchObject({ stopped: 'off', sent: 0 });
    expect(await agent.status()).toMatchObject({ sharing: false, queued: 0 });
    expect(await auditDetails()).toContainEqual('the browser withdrew the data permission');
    expect(api.requests).toEqual([]);
  });
});
