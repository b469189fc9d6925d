import { browser } from 'wxt/browser';
import type { Watch, WatchConditions } from '../../shared/alerts.ts';
import { decimalToMinor, formatDecimal } from '../../shared/money.ts';
import {
  derivePairKeys,
  formatPairCode,
  mergeForSharing,
  newPairSecret,
  openWatchlist,
  PAIRED_LIST_VERSION,
  type PairedWatch,
  type PairKeys,
  pairedWatchKey,
  pairLink,
  parsePairCode,
  sealWatchlist,
} from '../../shared/pairing.ts';
import { nextAttemptAt, retryAfterMs } from '../../shared/sync-backoff.ts';
import type { FetchLike } from '../community-api.ts';
import type { CompanionDb } from '../db.ts';
import type { WatchInput } from '../messaging.ts';
import type { Agent, HandlerMap } from './agent.ts';
import { apiBaseOf, loadSharing } from './sync.ts';

/**
 * Pairing with the phone (shared/pairing.ts): the secret stays in this profile's settings, the worker only ever
 * sees the pair id and ciphertext. Every watch travels with all its conditions (shared/pairing.ts pairedWatchSchema).
 *
 * Sync runs by itself: shortly after every watch change (debounced, so a burst of edits is one round trip), at
 * startup, when the options page opens, and on an alarm (every PERIOD_MS, to pick up the phone's changes). A failed
 * round trip backs off like the community upload (shared/sync-backoff.ts); automatic syncs wait it out, "Sync now"
 * does not.
 */

export const PAIRING_KEY = 'pairing:state';
export const PAIR_ALARM = 'pairing:sync';
/** How often an idle extension looks for the phone's changes. */
export const PERIOD_MS = 15 * 60_000;
/** Quiet time after a watch change before syncing: one round trip for a burst of edits. */
export const DEBOUNCE_MS = 1_500;
// Development builds point at the PWA that `npm start` serves (PWA_PORT default).
export const PWA_ORIGIN =
  import.meta.env.MODE === 'production' ? 'https://aliexpress-companion.app' : 'http://127.0.0.1:8788';

interface PairingState {
  /** formatPairCode of the secret (parsePairCode gives the bytes back). */
  code: string;
  /** The list as last written, so a local removal becomes a tombstone and unchanged watches keep their time. */
  synced: PairedWatch[];
  lastSyncAt: number | null;
  lastError: string | null;
  /** Consecutive failed syncs and when an automatic one may try again (absent in states from before backoff). */
  failures?: number;
  nextAttemptAt?: number;
}

export interface PairingStatus {
  paired: boolean;
  code: string | null;
  link: string | null;
  lastSyncAt: number | null;
  lastError: string | null;
  /** Watches on the shared list (tombstones not counted). */
  shared: number;
}

export interface PairingPort {
  fetch: FetchLike;
  now: () => number;
  pwaOrigin: string;
  /** Set (or with null clear) the one sync alarm. */
  schedule?: (when: number | null) => Promise<void>;
  /** The debounce timer (setTimeout in the background). */
  later?: (fn: () => void, ms: number) => () => void;
}

const defaultPort = (): PairingPort => ({
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
  pwaOrigin: PWA_ORIGIN,
  schedule: async (when) => {
    if (when === null) await browser.alarms.clear(PAIR_ALARM);
    else await browser.alarms.create(PAIR_ALARM, { when });
  },
  later: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
});

/** An HTTP failure, with the server's Retry-After when it gave one. */
class SyncHttpError extends Error {
  constructor(
    message: string,
    readonly retryAfter: number | null,
  ) {
    super(message);
  }
}

/** A watch as the shared list carries it: every condition, money as a decimal string. */
function toPaired(watch: Watch, before: PairedWatch | undefined, now: number): PairedWatch {
  const c = watch.conditions;
  const entry: PairedWatch = {
    productId: watch.productId,
    skuId: watch.skuId,
    currency: watch.currency,
    region: watch.region,
    target: c.targetPrice === null ? null : formatDecimal(c.targetPrice, watch.currency),
    pctBelowTypical: c.pctBelowTypical,
    allTimeLow: c.allTimeLow,
    backInStock: c.backInStock,
    landed: watch.landed,
    title: watch.title,
    updatedAt: now,
  };
  // Unchanged since the last sync: keep its time, so a later change on the phone still wins.
  return before && !before.deleted && sameWatch(before, entry)
    ? { ...entry, updatedAt: before.updatedAt }
    : entry;
}

/** The watch itself, without when or whether it was removed (field order fixed, unlike JSON of an object). */
const content = (w: PairedWatch) =>
  JSON.stringify([
    w.productId,
    w.skuId,
    w.currency,
    w.region,
    w.target,
    w.pctBelowTypical,
    w.allTimeLow,
    w.backInStock,
    w.landed,
    w.title,
  ]);
const sameWatch = (a: PairedWatch, b: PairedWatch) => content(a) === content(b);

/** The shared entry as this device's conditions; null when its target cannot be read in its currency. */
function conditionsOf(w: PairedWatch): WatchConditions | null {
  const targetPrice = w.target === null ? null : decimalToMinor(w.target, w.currency);
  if (w.target !== null && targetPrice === null) return null;
  return {
    targetPrice,
    pctBelowTypical: w.pctBelowTypical,
    allTimeLow: w.allTimeLow,
    backInStock: w.backInStock,
  };
}

/** The notification agent's watch:save / watch:delete, so a synced watch is set up like one made by hand. */
export interface WatchWriter {
  save(input: WatchInput): Promise<unknown>;
  remove(id: string): Promise<unknown>;
}

/**
 * Wraps the notification agent's watch handlers in place, so a change made anywhere (popup, widget, dashboard,
 * watchlist page) calls `changed`. Returns the unwrapped writer for the pairing agent's own writes: a watch it
 * applies from the phone must not schedule another sync.
 */
export function hookWatchChanges(handlers: Partial<HandlerMap>, changed: () => void): WatchWriter {
  const save = handlers['watch:save']!;
  const remove = handlers['watch:delete']!;
  const restore = handlers['watch:restore']!;
  const ui = { kind: 'ui' as const, tabId: null, url: null };
  handlers['watch:save'] = async (input, sender) => {
    const out = await save(input, sender);
    changed();
    return out;
  };
  handlers['watch:delete'] = async (input, sender) => {
    const out = await remove(input, sender);
    changed();
    return out;
  };
  handlers['watch:restore'] = async (input, sender) => {
    const out = await restore(input, sender);
    changed();
    return out;
  };
  return { save: (input) => save(input, ui), remove: (id) => remove({ id }, ui) };
}

export function pairingAgent(
  db: CompanionDb,
  watches: WatchWriter,
  port: PairingPort = defaultPort(),
): Agent & {
  sync(options?: { force?: boolean }): Promise<PairingStatus>;
  /** A watch was saved or deleted here: sync soon. */
  watchesChanged(): void;
  /** At startup: sync if paired and one is due (waiting out a backoff); either way the alarm is set. */
  start(): Promise<void>;
} {
  const load = async () => ((await db.settings.get(PAIRING_KEY))?.value as PairingState | undefined) ?? null;
  const save = (state: PairingState) => db.settings.put({ key: PAIRING_KEY, value: state });

  async function keysOf(state: PairingState): Promise<PairKeys> {
    const secret = parsePairCode(state.code);
    if (!secret) throw new Error('stored pairing code is damaged');
    return derivePairKeys(secret);
  }

  async function blobUrl(keys: PairKeys) {
    return `${apiBaseOf(await loadSharing(db)).replace(/\/$/, '')}/v1/pair/${keys.pairId}`;
  }

  async function status(): Promise<PairingStatus> {
    const state = await load();
    if (!state)
      return { paired: false, code: null, link: null, lastSyncAt: null, lastError: null, shared: 0 };
    return {
      paired: true,
      code: state.code,
      link: pairLink(port.pwaOrigin, parsePairCode(state.code)!),
      lastSyncAt: state.lastSyncAt,
      lastError: state.lastError,
      shared: state.synced.filter((w) => !w.deleted).length,
    };
  }

  async function localList(state: PairingState, now: number): Promise<PairedWatch[]> {
    const before = new Map(state.synced.map((w) => [pairedWatchKey(w), w]));
    const local = new Map<string, PairedWatch>();
    for (const watch of await db.watchlist.toArray()) {
      const key = pairedWatchKey(watch);
      local.set(key, toPaired(watch, before.get(key), now));
    }
    // Synced before and gone here: the shopper removed it on this device.
    for (const w of state.synced) {
      const key = pairedWatchKey(w);
      if (!local.has(key)) local.set(key, w.deleted ? w : { ...w, deleted: true, updatedAt: now });
    }
    return [...local.values()];
  }

  /** What this device's list says about one watch, to notice a change made while a round trip was out. */
  const fingerprint = (w: PairedWatch | undefined) => (w ? `${content(w)}:${Boolean(w.deleted)}` : 'none');

  /**
   * Applies the entries the other device won, through the watch handlers (states, audit and pending alerts stay
   * consistent). A watch the shopper changed here while the round trip was out is left alone: writing the merged
   * copy would undo that change (or bring back a watch just deleted); the next sync carries it instead.
   * Returns whether such a change was seen.
   */
  async function applyLocally(
    state: PairingState,
    before: readonly PairedWatch[],
    merged: readonly PairedWatch[],
  ): Promise<boolean> {
    const start = new Map(before.map((w) => [pairedWatchKey(w), w]));
    const current = new Map((await localList(state, port.now())).map((w) => [pairedWatchKey(w), w]));
    let changedMeanwhile = false;
    const rows = await db.watchlist.toArray();
    for (const w of merged) {
      const key = pairedWatchKey(w);
      const mine0 = start.get(key);
      // This device's own entry won: nothing to apply.
      if (mine0 && mine0.updatedAt === w.updatedAt && Boolean(mine0.deleted) === Boolean(w.deleted)) continue;
      if (fingerprint(current.get(key)) !== fingerprint(mine0)) {
        changedMeanwhile = true;
        continue;
      }
      const mine = rows.filter((r) => pairedWatchKey(r) === key);
      if (w.deleted) {
        for (const r of mine) await watches.remove(r.id);
        continue;
      }
      const conditions = conditionsOf(w);
      if (!conditions) continue;
      if (mine.length === 0) {
        await watches.save({
          id: null,
          productId: w.productId,
          skuId: w.skuId,
          currency: w.currency,
          region: w.region,
          title: w.title,
          url: null,
          conditions,
          landed: w.landed,
        });
      }
      for (const r of mine) {
        const c = r.conditions;
        const same =
          c.targetPrice === conditions.targetPrice &&
          c.pctBelowTypical === conditions.pctBelowTypical &&
          c.allTimeLow === conditions.allTimeLow &&
          c.backInStock === conditions.backInStock &&
          r.landed === w.landed;
        if (same) continue;
        const { series: _s, createdAt: _c, snoozedUntil: _z, ...input } = r;
        await watches.save({ ...input, conditions, landed: w.landed });
      }
    }
    return changedMeanwhile;
  }

  const failure = (what: string, res: Response) =>
    new SyncHttpError(
      `${what}: HTTP ${res.status}`,
      retryAfterMs(res.headers.get('retry-after'), port.now()),
    );

  /** One pull-merge-push round trip; true when a local change arrived meanwhile (sync again). */
  async function roundTrip(
    state: PairingState,
    now: number,
  ): Promise<{ merged: PairedWatch[]; again: boolean }> {
    const keys = await keysOf(state);
    const url = await blobUrl(keys);
    const local = await localList(state, now);
    // A write based on a stale version is refused (409): fetch, merge and try again.
    for (let attempt = 0; ; attempt++) {
      const res = await port.fetch(url, { method: 'GET', cache: 'no-store' });
      let remote: PairedWatch[] = [];
      let version = 0;
      if (res.status === 200) {
        const blob = (await res.json()) as { ciphertext: string; version: number };
        remote = (await openWatchlist(keys, blob.ciphertext)).watches;
        version = blob.version;
      } else if (res.status !== 404) {
        throw failure('pair blob read failed', res);
      }
      const merged = mergeForSharing(local, remote, now);
      // Nothing new from this device: no write, so an idle pair does not bump the version on every alarm.
      if (version === 0 || JSON.stringify(merged) !== JSON.stringify(mergeForSharing([], remote, now))) {
        const write = await port.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ciphertext: await sealWatchlist(keys, { v: PAIRED_LIST_VERSION, watches: merged }),
            baseVersion: version,
          }),
        });
        if (write.status === 409 && attempt < 3) continue;
        if (write.status !== 200) throw failure('pair blob write failed', write);
      }
      return { merged, again: await applyLocally(state, local, merged) };
    }
  }

  let running: Promise<PairingStatus> | null = null;
  let rerun = false;
  let unpairing = false;
  let cancelTimer: (() => void) | null = null;

  async function syncNow(force: boolean): Promise<PairingStatus> {
    if (unpairing) return status();
    const state = await load();
    if (!state) return status();
    const now = port.now();
    if (!force && now < (state.nextAttemptAt ?? 0)) return status();
    let again = false;
    try {
      const out = await roundTrip(state, now);
      again = out.again;
      await save({
        ...state,
        synced: out.merged,
        lastSyncAt: now,
        lastError: null,
        failures: 0,
        nextAttemptAt: 0,
      });
      await port.schedule?.(now + PERIOD_MS);
    } catch (error) {
      const failures = (state.failures ?? 0) + 1;
      const at = nextAttemptAt(now, failures, error instanceof SyncHttpError ? error.retryAfter : null);
      await save({
        ...state,
        lastError: error instanceof Error ? error.message : String(error),
        failures,
        nextAttemptAt: at,
      });
      await port.schedule?.(at);
    }
    if (again) watchesChanged();
    return status();
  }

  /** One round trip at a time: two racing would each merge without the other's write. */
  function sync(options: { force?: boolean } = {}): Promise<PairingStatus> {
    if (running) {
      // A change while syncing: go once more afterwards (a manual press rides along with the running one).
      if (!options.force) rerun = true;
      return running;
    }
    running = syncNow(options.force ?? false).finally(() => {
      running = null;
      if (rerun) {
        rerun = false;
        void sync();
      }
    });
    return running;
  }

  function watchesChanged(): void {
    cancelTimer?.();
    cancelTimer = port.later?.(() => void sync(), DEBOUNCE_MS) ?? null;
  }

  return {
    name: 'pairing',
    sync,
    watchesChanged,
    start: async () => {
      const state = await load();
      if (!state) return;
      // An MV3 worker starts many times a day (any message wakes it): sync only when the last one is a period
      // old; otherwise just make sure the alarm is there (a browser restart may drop alarms).
      const due = Math.max((state.lastSyncAt ?? 0) + PERIOD_MS, state.nextAttemptAt ?? 0);
      if (port.now() >= due) await sync();
      else await port.schedule?.(due);
    },
    handlers: {
      'pairing:status': () => status(),
      'pairing:start': async () => {
        if (!(await load())) {
          await save({
            code: formatPairCode(newPairSecret()),
            synced: [],
            lastSyncAt: null,
            lastError: null,
          });
        }
        return sync({ force: true });
      },
      'pairing:sync': () => sync({ force: true }),
      'pairing:unpair': async () => {
        // A round trip under way would write the shared copy and the pairing state back after the delete: let
        // it finish first, and start no other until the pairing is gone.
        unpairing = true;
        try {
          rerun = false;
          while (running) await running.catch(() => undefined);
          const state = await load();
          if (state) {
            const res = await port.fetch(await blobUrl(await keysOf(state)), { method: 'DELETE' });
            if (res.status !== 200) throw new Error(`unpair failed: HTTP ${res.status}`);
            await db.settings.delete(PAIRING_KEY);
            cancelTimer?.();
            await port.schedule?.(null);
          }
        } finally {
          unpairing = false;
        }
        return status();
      },
    },
  };
}
