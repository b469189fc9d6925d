import { effect, signal } from '@preact/signals';
import { strictDecimalToMinor } from '../../shared/api-money.ts';
import { pairBlobSchema, pairWriteResponseSchema } from '../../shared/api-pwa.ts';
import { formatDecimal } from '../../shared/money.ts';
import {
  derivePairKeys,
  formatPairCode,
  mergeWatchlists,
  openWatchlist,
  type PairedWatch,
  type PairKeys,
  parsePairCode,
  sealWatchlist,
} from '../../shared/pairing.ts';
import type { PwaDb, Tombstones, WatchRow } from './db.ts';
import { PAIRED_KEY } from './start-flags.ts';
import { watchlist } from './store.ts';

const BASE: string = import.meta.env.VITE_API_URL ?? '';
const SECRET_KEY = 'pair-secret';

export type PairState =
  | { kind: 'unpaired' }
  | { kind: 'paired'; lastSync: number | null; error: string | null };

export const pairState = signal<PairState>({ kind: 'unpaired' });

function toPaired(row: WatchRow): PairedWatch {
  return {
    productId: row.productId,
    currency: row.currency,
    region: row.region,
    target: formatDecimal(row.target, row.currency),
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
        currency: 'USD',
        region: null,
        target: '0',
        title: null,
        updatedAt: at,
        deleted: true,
      }),
    );
  return [...rows.map(toPaired), ...removed];
}

/** Make the device's watchlist equal to the merged list (only rows that differ are written). */
async function applyMerged(db: PwaDb, merged: readonly PairedWatch[]): Promise<void> {
  await db.transaction('rw', db.watches, db.meta, async () => {
    const tombstones = ((await db.meta.get('tombstones'))?.value ?? {}) as Tombstones;
    for (const w of merged) {
      const local = await db.watches.get(w.productId);
      if (w.deleted) {
        if (local && (local.updatedAt ?? local.addedAt) <= w.updatedAt) await db.watches.delete(w.productId);
        tombstones[w.productId] = Math.max(tombstones[w.productId] ?? 0, w.updatedAt);
        continue;
      }
      const target = strictDecimalToMinor(w.target, w.currency);
      if (target == null || target <= 0) continue;
      if (local && (local.updatedAt ?? local.addedAt) >= w.updatedAt) continue;
      await db.watches.put({
        productId: w.productId,
        currency: w.currency,
        region: w.region,
        target,
        title: w.title,
        addedAt: local?.addedAt ?? w.updatedAt,
        updatedAt: w.updatedAt,
      });
      delete tombstones[w.productId];
    }
    await db.meta.put({ key: 'tombstones', value: tombstones });
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
    } else if (res.status !== 404) throw new Error(`pair read: HTTP ${res.status}`);
    const merged = mergeWatchlists(await localList(db), remote);
    await applyMerged(db, merged);
    if (JSON.stringify(merged) === JSON.stringify(mergeWatchlists([], remote)) && version > 0) return;
    const write = await api('POST', `/v1/pair/${keys.pairId}`, {
      ciphertext: await sealWatchlist(keys, { v: 1, watches: merged }),
      baseVersion: version,
    });
    if (write.ok) {
      pairWriteResponseSchema.parse(await write.json());
      return;
    }
    if (write.status !== 409) throw new Error(`pair write: HTTP ${write.status}`);
  }
  throw new Error('the other device kept writing; try again');
}

let keys: PairKeys | null = null;
let running: Promise<void> | null = null;

export async function sync(db: PwaDb): Promise<void> {
  if (!keys) return;
  if (running) return running;
  const k = keys;
  running = syncOnce(db, k)
    .then(() => {
      pairState.value = { kind: 'paired', lastSync: Date.now(), error: null };
    })
    .catch((error: unknown) => {
      pairState.value = {
        kind: 'paired',
        lastSync: pairState.value.kind === 'paired' ? pairState.value.lastSync : null,
        error: navigator.onLine
          ? String((error as Error).message ?? error)
          : 'Offline: will sync when back online.',
      };
    })
    .finally(() => {
      running = null;
    });
  return running;
}

/** Returns an error message, or null once paired and synced. */
export async function pairWithCode(db: PwaDb, code: string): Promise<string | null> {
  const secret = parsePairCode(code);
  if (!secret) return 'That is not a pairing code. It has 26 letters and digits.';
  keys = await derivePairKeys(secret);
  await db.meta.put({ key: SECRET_KEY, value: formatPairCode(secret) });
  localStorage.setItem(PAIRED_KEY, '1');
  pairState.value = { kind: 'paired', lastSync: null, error: null };
  startTriggers(db);
  await sync(db);
  return pairState.value.kind === 'paired' ? pairState.value.error : null;
}

export async function unpair(db: PwaDb): Promise<void> {
  const k = keys;
  keys = null;
  await db.meta.delete(SECRET_KEY);
  localStorage.removeItem(PAIRED_KEY);
  pairState.value = { kind: 'unpaired' };
  // Unpairing removes the shared copy; each device keeps its own watchlist.
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
  window.addEventListener('online', () => void sync(db));
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
