import { effect, signal } from '@preact/signals';
import { strictDecimalToMinor } from '../../shared/api-money.ts';
import { pairBlobSchema, pairWriteResponseSchema } from '../../shared/api-pwa.ts';
import { formatDecimal } from '../../shared/money.ts';
import {
  derivePairKeys,
  formatPairCode,
  mergeForSharing,
  openWatchlist,
  PAIRED_LIST_VERSION,
  type PairedWatch,
  type PairKeys,
  parsePairCode,
  sealWatchlist,
  TOMBSTONE_TTL_MS,
} from '../../shared/pairing.ts';
import { nextAttemptAt, retryAfterMs } from '../../shared/sync-backoff.ts';
import { ELSEWHERE_KEY, type PwaDb, type Tombstones, type WatchRow } from './db.ts';
import { t } from './i18n.ts';
import { PAIRED_KEY } from './start-flags.ts';
import { watchlist } from './store.ts';

const BASE: string = import.meta.env.VITE_API_URL ?? '';
const SECRET_KEY = 'pair-secret';

export type PairState =
  | { kind: 'unpaired' }
  | { kind: 'paired'; lastSync: number | null; error: string | null };

export const pairState = signal<PairState>({ kind: 'unpaired' });

function toPaired(row: WatchRow): PairedWatch {
  // Field order as pairedWatchSchema's output, so "nothing changed" is a plain comparison of the JSON.
  return {
    productId: row.productId,
    skuId: null,
    currency: row.currency,
    region: row.region,
    target: formatDecimal(row.target, row.currency),
    pctBelowTypical: row.conditions?.pctBelowTypical ?? null,
    allTimeLow: row.conditions?.allTimeLow ?? false,
    backInStock: row.conditions?.backInStock ?? false,
    landed: row.conditions?.landed ?? false,
    title: row.title,
    updatedAt: row.updatedAt ?? row.addedAt,
  };
}

async function localList(db: PwaDb): Promise<PairedWatch[]> {
  const rows = await db.watches.toArray();
  const tombstones = ((await db.meta.get('tombstones'))?.value ?? {}) as Tombstones;
  const live = new Set(rows.map((r) => r.productId));
  const removed = Object.entries(tombstones)
    .filter(([id]) => !live.has(id))
    .map(
      ([productId, at]): PairedWatch => ({
        productId,
        skuId: null,
        currency: 'USD',
        region: null,
        target: null,
        pctBelowTypical: null,
        allTimeLow: false,
        backInStock: false,
        landed: false,
        title: null,
        updatedAt: at,
        deleted: true,
      }),
    );
  return [...rows.map(toPaired), ...removed];
}

/**
 * Make the device's watchlist equal to the merged list (only rows that differ are written). The phone holds
 * product-level watches with a target; the rest (a variant's watch, or conditions without a target) it lists
 * under ELSEWHERE_KEY and leaves on the shared list as they are.
 */
async function applyMerged(db: PwaDb, merged: readonly PairedWatch[], now: number): Promise<void> {
  await db.transaction('rw', db.watches, db.meta, async () => {
    const tombstones = ((await db.meta.get('tombstones'))?.value ?? {}) as Tombstones;
    const elsewhere: PairedWatch[] = [];
    for (const w of merged) {
      if (w.skuId !== null) {
        if (!w.deleted) elsewhere.push(w);
        continue;
      }
      const local = await db.watches.get(w.productId);
      const localAt = local ? (local.updatedAt ?? local.addedAt) : null;
      if (w.deleted) {
        if (local && localAt! <= w.updatedAt) await db.watches.delete(w.productId);
        tombstones[w.productId] = Math.max(tombstones[w.productId] ?? 0, w.updatedAt);
        continue;
      }
      if (localAt !== null && localAt >= w.updatedAt) continue;
      // Removed here after that change (perhaps while this round trip was out): the removal stands.
      if (!local && (tombstones[w.productId] ?? -1) >= w.updatedAt) continue;
      const target = w.target === null ? null : strictDecimalToMinor(w.target, w.currency);
      if (target == null || target <= 0) {
        // The watch became one the phone cannot hold (its target was dropped on the computer): show it there.
        if (local) await db.watches.delete(w.productId);
        elsewhere.push(w);
        continue;
      }
      await db.watches.put({
        productId: w.productId,
        currency: w.currency,
        region: w.region,
        target,
        title: w.title,
        addedAt: local?.addedAt ?? w.updatedAt,
        updatedAt: w.updatedAt,
        conditions: {
          pctBelowTypical: w.pctBelowTypical,
          allTimeLow: w.allTimeLow,
          backInStock: w.backInStock,
          landed: w.landed,
        },
      });
      delete tombstones[w.productId];
    }
    // The shared list forgets removals after TOMBSTONE_TTL_MS; so does the phone.
    for (const [productId, at] of Object.entries(tombstones))
      if (now - at > TOMBSTONE_TTL_MS) delete tombstones[productId];
    await db.meta.put({ key: 'tombstones', value: tombstones });
    await db.meta.put({ key: ELSEWHERE_KEY, value: elsewhere });
  });
}

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(BASE + path, {
    method,
    cache: 'no-store',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** An HTTP failure, with the server's Retry-After when it gave one. */
class SyncHttpError extends Error {
  readonly retryAfter: number | null;
  constructor(what: string, res: Response) {
    super(`${what}: HTTP ${res.status}`);
    this.retryAfter = retryAfterMs(res.headers.get('retry-after'), Date.now());
  }
}

/** Pull, merge, push; a 409 means the other device wrote meanwhile, so go round again. */
export async function syncOnce(db: PwaDb, keys: PairKeys): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const res = await api('GET', `/v1/pair/${keys.pairId}`);
    let remote: PairedWatch[] = [];
    let version = 0;
    if (res.ok) {
      const blob = pairBlobSchema.parse(await res.json());
      remote = (await openWatchlist(keys, blob.ciphertext)).watches;
      version = blob.version;
    } else if (res.status !== 404) throw new SyncHttpError('pair read', res);
    const now = Date.now();
    const merged = mergeForSharing(await localList(db), remote, now);
    await applyMerged(db, merged, now);
    if (JSON.stringify(merged) === JSON.stringify(mergeForSharing([], remote, now)) && version > 0) return;
    const write = await api('POST', `/v1/pair/${keys.pairId}`, {
      ciphertext: await sealWatchlist(keys, { v: PAIRED_LIST_VERSION, watches: merged }),
      baseVersion: version,
    });
    if (write.ok) {
      pairWriteResponseSchema.parse(await write.json());
      return;
    }
    if (write.status !== 409) throw new SyncHttpError('pair write', write);
  }
  throw new Error(t('pair.otherKeptWriting'));
}

let keys: PairKeys | null = null;
let running: Promise<void> | null = null;
let rerun = false;
/** Backoff after failed syncs (shared/sync-backoff.ts): automatic syncs wait it out, "Sync now" does not. */
let failures = 0;
let nextAt = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * One sync at a time. A change while one is out asks for another afterwards, so it is never left behind until
 * the next trigger. `force`: the shopper asked (pairing, "Sync now").
 */
export async function sync(db: PwaDb, options: { force?: boolean } = {}): Promise<void> {
  if (!keys) return;
  if (running) {
    rerun = true;
    return running;
  }
  if (!options.force && Date.now() < nextAt) return;
  const k = keys;
  running = syncOnce(db, k)
    .then(() => {
      failures = 0;
      nextAt = 0;
      // Unpaired while this round trip was out: it must not bring the paired state back.
      if (keys === k) pairState.value = { kind: 'paired', lastSync: Date.now(), error: null };
    })
    .catch((error: unknown) => {
      if (keys !== k) return;
      failures += 1;
      nextAt = nextAttemptAt(Date.now(), failures, error instanceof SyncHttpError ? error.retryAfter : null);
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void sync(db), nextAt - Date.now());
      pairState.value = {
        kind: 'paired',
        lastSync: pairState.value.kind === 'paired' ? pairState.value.lastSync : null,
        error: navigator.onLine
          ? t('pair.lastError', { error: String((error as Error).message ?? error) })
          : t('pair.offline'),
      };
    })
    .finally(() => {
      running = null;
      if (rerun) {
        rerun = false;
        void sync(db);
      }
    });
  return running;
}

/** Returns an error message, or null once paired and synced. */
export async function pairWithCode(db: PwaDb, code: string): Promise<string | null> {
  const secret = parsePairCode(code);
  if (!secret) return t('pair.notACode');
  keys = await derivePairKeys(secret);
  await db.meta.put({ key: SECRET_KEY, value: formatPairCode(secret) });
  localStorage.setItem(PAIRED_KEY, '1');
  pairState.value = { kind: 'paired', lastSync: null, error: null };
  startTriggers(db);
  await sync(db, { force: true });
  return pairState.value.kind === 'paired' ? pairState.value.error : null;
}

export async function unpair(db: PwaDb): Promise<void> {
  const k = keys;
  keys = null;
  clearTimeout(retryTimer);
  await db.meta.delete(SECRET_KEY);
  // Those watches live on the computer; without the pair the phone no longer sees them.
  await db.meta.delete(ELSEWHERE_KEY);
  localStorage.removeItem(PAIRED_KEY);
  pairState.value = { kind: 'unpaired' };
  // Unpairing removes the shared copy; each device keeps its own watchlist. A round trip already under way may
  // still write the shared copy, so the delete waits for it (`running` never rejects).
  await running;
  if (k) await api('DELETE', `/v1/pair/${k.pairId}`).catch(() => undefined);
}

let triggersOn = false;

/** Sync on every watchlist change (debounced), when the connection returns and when the app comes back. */
function startTriggers(db: PwaDb): void {
  if (triggersOn) return;
  triggersOn = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = true;
  effect(() => {
    void watchlist.items.value;
    if (first) {
      first = false;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => void sync(db), 400);
  });
  // Back online: whatever the backoff said, the reason for it is likely gone.
  window.addEventListener('online', () => void sync(db, { force: true }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sync(db);
  });
}

/** At start, on a paired device: restore the keys and sync. */
export async function initPairing(db: PwaDb): Promise<void> {
  if (keys) return;
  const saved = (await db.meta.get(SECRET_KEY))?.value;
  const secret = typeof saved === 'string' ? parsePairCode(saved) : null;
  if (!secret) {
    localStorage.removeItem(PAIRED_KEY);
    return;
  }
  keys = await derivePairKeys(secret);
  pairState.value = { kind: 'paired', lastSync: null, error: null };
  startTriggers(db);
  await sync(db);
}
