import { browser } from 'wxt/browser';
import { API_LIMITS, type RejectionCode } from '../../shared/api.ts';
import { DAY_MS, utcDay } from '../../shared/history.ts';
import { nextAttemptAt } from '../../shared/sync-backoff.ts';
import { type ApiClient, createApiClient, type FetchLike, toWire } from '../community-api.ts';
import type { AuditMessage, AuditMessageKey, CompanionDb, SyncQueueRow } from '../db.ts';
import { hasSharingPermission } from '../sharing-permission.ts';
import type { Agent } from './agent.ts';
import { appendAudit, auditEntry } from './audit.ts';

/**
 * The sync agent: with the shopper's consent, their price reads go to the community API — anonymously, in batches,
 * and never lost or doubled.
 *
 * - Nothing is queued, sent or asked for until consent; consent is not retroactive (reads stored before it stay
 *   local): a cursor over the observations table starts at consent and moves in the same transaction that queues.
 * - The queue is an IndexedDB table, so a killed service worker or a closed browser loses nothing. Uploads run on
 *   an alarm (a minute after the first new read, coalescing a browsing session into one batch) and at startup.
 * - A batch is idempotent by the API's own rule — one contributor, series, UTC day and price count once — so a
 *   batch re-sent after a lost response (or after a worker died between the answer and the local delete) adds
 *   nothing. A batch id would add nothing the rule does not already give.
 * - Failures (no answer, 429, 5xx) back off exponentially with jitter, honouring Retry-After; items the API refuses
 *   are dropped with the reason in the audit log, except `quota_exceeded`, which waits for the next UTC day. The
 *   queue is bounded (oldest dropped, audited) and items the API would refuse as too old are dropped before sending.
 */

export const SHARING_KEY = 'sync:sharing';
export const CREDENTIAL_KEY = 'sync:credential';
export const SYNC_STATE_KEY = 'sync:state';
export const UPLOAD_ALARM = 'sync:upload';
/** Coalesces a browsing session's reads into one batch (and does not tell the API when each page was opened). */
export const UPLOAD_DELAY_MS = 60_000;
/** ~1 MB of IndexedDB: weeks of heavy browsing offline. */
export const MAX_QUEUE = 5_000;
export const BATCH_SIZE = API_LIMITS.maxBatch;
/** Drop before the API would: its 30-day window, less an hour so a read does not expire in flight. */
export const MAX_AGE_MS = API_LIMITS.maxPastDays * DAY_MS - 3_600_000;

export const PRODUCTION_API_BASE = 'https://api.aliexpress-companion.app';
export const DEV_API_BASE = 'http://127.0.0.1:8787';
/** Release builds talk to production; `wxt` dev and the tests default to the local server (`npm run api`). */
export const DEFAULT_API_BASE = import.meta.env.MODE === 'production' ? PRODUCTION_API_BASE : DEV_API_BASE;

export interface SharingSettings {
  sharing: boolean;
  /** When the shopper last said yes or no; null = never asked yet. */
  decidedAt: number | null;
  /** null = the build's default. */
  apiBase: string | null;
}

export interface Credential {
  installId: string;
  token: string;
  expiresAt: number;
}

export interface SyncState {
  /** Observations with an id above this are not queued yet. */
  cursor: number;
  failures: number;
  nextAttemptAt: number;
  lastUploadAt: number | null;
  lastError: string | null;
  /** Items the API has (accepted or already had) since consent. */
  uploaded: number;
}

export interface SharingStatus {
  sharing: boolean;
  decidedAt: number | null;
  apiBase: string;
  apiBaseIsDefault: boolean;
  registered: boolean;
  queued: number;
  uploaded: number;
  lastUploadAt: number | null;
  failures: number;
  nextAttemptAt: number | null;
  lastError: string | null;
}

export interface FlushOutcome {
  sent: number;
  accepted: number;
  duplicates: number;
  dropped: number;
  /** Why the loop stopped early: a failure, a quota, nothing to do. */
  stopped: 'empty' | 'off' | 'backoff' | 'failed' | 'quota';
}

/** What the agent needs from the browser; tests pass fakes. */
export interface SyncPort {
  fetch: FetchLike;
  now: () => number;
  random: () => number;
  /** The upload alarm: its time, or null when none is set. */
  alarmAt(): Promise<number | null>;
  setAlarm(when: number | null): Promise<void>;
  /** Firefox: the data-collection permission is still granted (it can be withdrawn in the add-on manager). */
  sharingPermitted(): Promise<boolean>;
}

export function browserSyncPort(): SyncPort {
  return {
    fetch: (url, init) => fetch(url, init),
    now: Date.now,
    random: Math.random,
    async alarmAt() {
      return (await browser.alarms.get(UPLOAD_ALARM))?.scheduledTime ?? null;
    },
    async setAlarm(when) {
      if (when == null) await browser.alarms.clear(UPLOAD_ALARM);
      else await browser.alarms.create(UPLOAD_ALARM, { when });
    },
    sharingPermitted: hasSharingPermission,
  };
}

export function defaultSharing(): SharingSettings {
  return { sharing: false, decidedAt: null, apiBase: null };
}

const emptyState = (): SyncState => ({
  cursor: 0,
  failures: 0,
  nextAttemptAt: 0,
  lastUploadAt: null,
  lastError: null,
  uploaded: 0,
});

export async function loadSharing(db: CompanionDb): Promise<SharingSettings> {
  return {
    ...defaultSharing(),
    ...((await db.settings.get(SHARING_KEY))?.value as Partial<SharingSettings>),
  };
}

export const apiBaseOf = (s: SharingSettings) => s.apiBase ?? DEFAULT_API_BASE;

async function loadState(db: CompanionDb): Promise<SyncState> {
  return { ...emptyState(), ...((await db.settings.get(SYNC_STATE_KEY))?.value as Partial<SyncState>) };
}

async function saveState(db: CompanionDb, patch: Partial<SyncState>): Promise<SyncState> {
  return db.transaction('rw', db.settings, async () => {
    const next = { ...(await loadState(db)), ...patch };
    await db.settings.put({ key: SYNC_STATE_KEY, value: next });
    return next;
  });
}

async function loadCredential(db: CompanionDb): Promise<Credential | null> {
  return ((await db.settings.get(CREDENTIAL_KEY))?.value as Credential | undefined) ?? null;
}

const audit = (db: CompanionDb, at: number, detail: string, message?: AuditMessage) =>
  appendAudit(db, auditEntry({ at, kind: 'sync', detail, ...(message ? { message } : {}) }));

const said = (key: AuditMessageKey, vars: AuditMessage['vars'] = {}): AuditMessage => ({ key, vars });

/**
 * Copy the reads stored since the cursor into the queue, then trim the queue to `max` (oldest first, audited).
 * One transaction: a read is queued exactly once however often this runs or wherever the worker dies.
 */
export async function enqueueNew(db: CompanionDb, now: number, max = MAX_QUEUE): Promise<number> {
  return db.transaction('rw', [db.observations, db.syncQueue, db.settings, db.auditEvents], async () => {
    const state = await loadState(db);
    const rows = await db.observations.where(':id').above(state.cursor).toArray();
    if (rows.length === 0) return 0;
    const queued: SyncQueueRow[] = rows.map(({ id, series: _series, ...observation }) => ({
      obsId: id!,
      observation,
      enqueuedAt: now,
    }));
    await db.syncQueue.bulkPut(queued);
    await db.settings.put({ key: SYNC_STATE_KEY, value: { ...state, cursor: rows.at(-1)!.id! } });
    const overflow = (await db.syncQueue.count()) - max;
    if (overflow > 0) {
      const oldest = await db.syncQueue.orderBy(':id').limit(overflow).toArray();
      await db.syncQueue.bulkDelete(oldest.map((r) => r.id!));
      await audit(
        db,
        now,
        `queue full (${max}): dropped the ${overflow} oldest unshared reads, from ${new Date(
          oldest[0]!.observation.observedAt,
        ).toISOString()}`,
        said('queueFull', { max, count: overflow }),
      );
    }
    return rows.length;
  });
}

/** The next batch, oldest first; reads the API would refuse as too old are dropped (audited) on the way. */
export async function nextBatch(db: CompanionDb, now: number, size = BATCH_SIZE): Promise<SyncQueueRow[]> {
  const batch = await db.syncQueue.orderBy(':id').limit(size).toArray();
  const expired = batch.filter((r) => r.observation.observedAt < now - MAX_AGE_MS);
  if (expired.length) {
    await db.transaction('rw', [db.syncQueue, db.auditEvents], async () => {
      await db.syncQueue.bulkDelete(expired.map((r) => r.id!));
      await audit(
        db,
        now,
        `dropped ${expired.length} unshared reads older than ${API_LIMITS.maxPastDays} days`,
        said('expired', { count: expired.length, days: API_LIMITS.maxPastDays }),
      );
    });
    return nextBatch(db, now, size);
  }
  return batch;
}

function describeRejections(rows: SyncQueueRow[], codes: Map<number, RejectionCode>): string {
  const counts = new Map<string, number>();
  for (const code of codes.values()) counts.set(code, (counts.get(code) ?? 0) + 1);
  const what = [...counts].map(([code, n]) => `${n} × ${code}`).join(', ');
  const products = [...new Set([...codes.keys()].map((i) => rows[i]!.observation.productId))].slice(0, 5);
  return `the API refused ${codes.size} reads (${what}; products ${products.join(', ')}): dropped`;
}

const nextUtcDay = (now: number) => Date.parse(`${utcDay(now)}T00:00:00Z`) + DAY_MS;

export interface SyncAgent extends Agent {
  /** Queue what is new and upload, unless backing off (`force`: "Upload now" was pressed, or the alarm rang). */
  flush(options?: { force?: boolean }): Promise<FlushOutcome>;
  /** New reads were stored: queue them and make sure an upload alarm is set. */
  onNewReads(): Promise<void>;
  /** At every service worker start: queue what a dead worker left and upload when not backing off. */
  start(): Promise<FlushOutcome>;
  status(): Promise<SharingStatus>;
  setSharing(sharing: boolean): Promise<SharingStatus>;
}

export function syncAgent(db: CompanionDb, port: SyncPort = browserSyncPort()): SyncAgent {
  let running: Promise<FlushOutcome> | null = null;

  async function client(): Promise<ApiClient> {
    return createApiClient(apiBaseOf(await loadSharing(db)), port.fetch, port.now);
  }

  async function status(): Promise<SharingStatus> {
    const [settings, state, credential, queued] = await Promise.all([
      loadSharing(db),
      loadState(db),
      loadCredential(db),
      db.syncQueue.count(),
    ]);
    return {
      sharing: settings.sharing,
      decidedAt: settings.decidedAt,
      apiBase: apiBaseOf(settings),
      apiBaseIsDefault: settings.apiBase === null,
      registered: credential !== null,
      queued,
      uploaded: state.uploaded,
      lastUploadAt: state.lastUploadAt,
      failures: state.failures,
      nextAttemptAt: state.failures > 0 ? state.nextAttemptAt : null,
      lastError: state.lastError,
    };
  }

  /** Keep the one upload alarm at the earliest useful time, never before a backoff or quota wait ends. */
  async function schedule(when: number): Promise<void> {
    const current = await port.alarmAt();
    if (current === null || current > when || current < port.now()) await port.setAlarm(when);
  }

  async function credentialFor(
    api: ApiClient,
  ): Promise<Credential | { failure: string; retryAfter: number | null }> {
    const known = await loadCredential(db);
    // A day's margin: a token that expires mid-upload would be refused with the batch in flight.
    if (known && known.expiresAt - DAY_MS > port.now()) return known;
    const res = await api.register();
    if (!res.ok) return { failure: `register: ${res.code} ${res.message}`, retryAfter: res.retryAfterMs };
    const credential: Credential = {
      installId: res.data.installId,
      token: res.data.token,
      expiresAt: Date.parse(res.data.expiresAt),
    };
    await db.settings.put({ key: CREDENTIAL_KEY, value: credential });
    return credential;
  }

  async function fail(why: string, retryAfter: number | null): Promise<void> {
    const state = await loadState(db);
    const failures = state.failures + 1;
    const at = nextAttemptAt(port.now(), failures, retryAfter, port.random);
    await saveState(db, { failures, nextAttemptAt: at, lastError: why });
    await port.setAlarm(at);
  }

  async function upload(force: boolean): Promise<FlushOutcome> {
    const out: FlushOutcome = { sent: 0, accepted: 0, duplicates: 0, dropped: 0, stopped: 'empty' };
    if (!(await loadSharing(db)).sharing) return { ...out, stopped: 'off' };
    await enqueueNew(db, port.now());
    const state = await loadState(db);
    if (!force && state.nextAttemptAt > port.now()) {
      await schedule(state.nextAttemptAt);
      return { ...out, stopped: 'backoff' };
    }
    const api = await client();
    let reRegistered = false;
    for (;;) {
      const batch = await nextBatch(db, port.now());
      if (batch.length === 0) {
        await port.setAlarm(null);
        return out;
      }
      const credential = await credentialFor(api);
      if ('failure' in credential) {
        await fail(credential.failure, credential.retryAfter);
        return { ...out, stopped: 'failed' };
      }
      const res = await api.upload(
        credential.token,
        batch.map((r) => toWire(r.observation)),
      );
      out.sent += batch.length;
      if (!res.ok && res.status === 401 && !reRegistered) {
        // Expired or revoked (a new server secret): a new credential, once per flush.
        await db.settings.delete(CREDENTIAL_KEY);
        reRegistered = true;
        continue;
      }
      const refusedWhole = !res.ok && [400, 413, 422].includes(res.status);
      if (!res.ok && !refusedWhole) {
        await fail(`upload: ${res.status || 'no answer'} ${res.code} ${res.message}`, res.retryAfterMs);
        return { ...out, stopped: 'failed' };
      }
      const rejections = res.ok ? res.data.rejected : res.rejected;
      const codes = new Map<number, RejectionCode>(rejections.map((r) => [r.index, r.code]));
      if (refusedWhole && codes.size === 0) {
        for (let i = 0; i < batch.length; i++) codes.set(i, 'invalid_item');
      }
      // Over today's quota is not the items' fault: they wait for tomorrow's.
      const waiting = new Set([...codes].filter(([, c]) => c === 'quota_exceeded').map(([i]) => i));
      for (const i of waiting) codes.delete(i);
      const done = batch.filter((_, i) => !waiting.has(i));
      await db.transaction('rw', [db.syncQueue, db.settings, db.auditEvents], async () => {
        await db.syncQueue.bulkDelete(done.map((r) => r.id!));
        if (codes.size) {
          const refused = said('refusedByApi', {
            count: codes.size,
            codes: [...new Set(codes.values())].join(', '),
          });
          await audit(db, port.now(), describeRejections(batch, codes), refused);
        }
        const state = await loadState(db);
        const delivered = res.ok ? res.data.accepted + res.data.duplicates : 0;
        await db.settings.put({
          key: SYNC_STATE_KEY,
          value: {
            ...state,
            failures: 0,
            nextAttemptAt: waiting.size ? nextUtcDay(port.now()) : 0,
            lastUploadAt: port.now(),
            lastError: waiting.size ? `daily quota reached: ${waiting.size} reads wait for tomorrow` : null,
            uploaded: state.uploaded + delivered,
          } satisfies SyncState,
        });
      });
      out.dropped += codes.size;
      if (res.ok) {
        out.accepted += res.data.accepted;
        out.duplicates += res.data.duplicates;
      }
      if (waiting.size) {
        await port.setAlarm(nextUtcDay(port.now()));
        return { ...out, stopped: 'quota' };
      }
    }
  }

  function flush(options: { force?: boolean } = {}): Promise<FlushOutcome> {
    // One upload at a time: an alarm and a startup (or a button) racing would send the same batch twice.
    if (!running) {
      running = upload(options.force ?? false).finally(() => {
        running = null;
      });
    }
    return running;
  }

  async function setSharing(sharing: boolean): Promise<SharingStatus> {
    const now = port.now();
    if (sharing) {
      await db.transaction('rw', [db.observations, db.settings, db.auditEvents], async () => {
        const settings = await loadSharing(db);
        if (!settings.sharing) {
          // Consent is not retroactive: only reads stored from now on are shared.
          const last = await db.observations.orderBy(':id').lastKey();
          await db.settings.put({
            key: SYNC_STATE_KEY,
            value: { ...emptyState(), cursor: (last as number) ?? 0 },
          });
          await audit(
            db,
            now,
            'sharing turned on: reads stored from now on will be shared anonymously',
            said('sharingOn'),
          );
        }
        await db.settings.put({ key: SHARING_KEY, value: { ...settings, sharing: true, decidedAt: now } });
      });
    } else {
      await db.transaction('rw', [db.syncQueue, db.settings, db.auditEvents, db.communityCache], async () => {
        const settings = await loadSharing(db);
        const queued = await db.syncQueue.count();
        const hadCredential = (await loadCredential(db)) !== null;
        await db.syncQueue.clear();
        await db.communityCache.clear();
        await db.settings.delete(CREDENTIAL_KEY);
        await db.settings.delete(SYNC_STATE_KEY);
        await db.settings.put({ key: SHARING_KEY, value: { ...settings, sharing: false, decidedAt: now } });
        await audit(
          db,
          now,
          settings.sharing || hadCredential
            ? `sharing stopped: ${queued} unshared reads cleared, credential forgotten`
            : 'sharing declined',
          settings.sharing || hadCredential
            ? said('sharingStopped', { count: queued })
            : said('sharingDeclined'),
        );
      });
      await port.setAlarm(null);
    }
    return status();
  }

  return {
    name: 'sync',
    flush,
    status,
    setSharing,
    onNewReads,
    async start() {
      if ((await loadSharing(db)).sharing && !(await port.sharingPermitted())) {
        await audit(db, port.now(), 'the browser withdrew the data permission', said('permissionWithdrawn'));
        await setSharing(false);
      }
      return flush();
    },
    onRecorded: async ({ outcome }) => {
      if (outcome.stored > 0) await onNewReads();
    },
    handlers: {
      'sharing:status': () => status(),
      'sharing:set': ({ sharing }) => setSharing(sharing),
      'sharing:api-base': async ({ apiBase }) => {
        const settings = await loadSharing(db);
        await db.settings.put({ key: SHARING_KEY, value: { ...settings, apiBase } });
        // Cached answers and the credential belong to the old server.
        await db.communityCache.clear();
        if (apiBaseOf(settings) !== (apiBase ?? DEFAULT_API_BASE)) await db.settings.delete(CREDENTIAL_KEY);
        return status();
      },
      'sharing:upload-now': async () => {
        await flush({ force: true });
        return status();
      },
      'sharing:delete-shared': async () => {
        const credential = await loadCredential(db);
        if (!credential) throw new Error('Nothing to delete: this browser has no sharing credential');
        const res = await (await client()).deleteContributions(credential.token);
        if (!res.ok) throw new Error(`The community service did not delete (${res.code}): ${res.message}`);
        await audit(
          db,
          port.now(),
          `deleted what this browser shared: ${res.data.deleted} reads erased, ${res.data.rollupsRecomputed} daily prices recomputed`,
          said('erased', { reads: res.data.deleted, rollups: res.data.rollupsRecomputed }),
        );
        return { deleted: res.data.deleted };
      },
    },
  };

  async function onNewReads(): Promise<void> {
    if (!(await loadSharing(db)).sharing) return;
    await enqueueNew(db, port.now());
    const state = await loadState(db);
    await schedule(Math.max(port.now() + UPLOAD_DELAY_MS, state.nextAttemptAt));
  }
}
