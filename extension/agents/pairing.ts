import type { Watch } from '../../shared/alerts.ts';
import { decimalToMinor, formatDecimal } from '../../shared/money.ts';
import {
  derivePairKeys,
  formatPairCode,
  mergeWatchlists,
  newPairSecret,
  openWatchlist,
  type PairedWatch,
  type PairKeys,
  pairLink,
  parsePairCode,
  sealWatchlist,
} from '../../shared/pairing.ts';
import type { FetchLike } from '../community-api.ts';
import type { CompanionDb } from '../db.ts';
import type { WatchInput } from '../messaging.ts';
import type { Agent } from './agent.ts';
import { apiBaseOf, loadSharing } from './sync.ts';

/**
 * Pairing with the phone (shared/pairing.ts): the secret stays in this profile's settings, the worker only ever
 * sees the pair id and ciphertext. Only watches with a target price travel: that is the PWA's watch model.
 */

export const PAIRING_KEY = 'pairing:state';
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
}

const defaultPort = (): PairingPort => ({
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
  pwaOrigin: PWA_ORIGIN,
});

function toPaired(watch: Watch, before: PairedWatch | undefined, now: number): PairedWatch | null {
  if (watch.skuId !== null || watch.conditions.targetPrice === null) return null;
  const entry: PairedWatch = {
    productId: watch.productId,
    currency: watch.currency,
    region: watch.region,
    target: formatDecimal(watch.conditions.targetPrice, watch.currency),
    title: watch.title,
    updatedAt: now,
  };
  const same =
    before &&
    !before.deleted &&
    before.target === entry.target &&
    before.currency === entry.currency &&
    before.title === entry.title;
  return same ? { ...entry, updatedAt: before.updatedAt } : entry;
}

/** The notification agent's watch:save / watch:delete, so a synced watch is set up like one made by hand. */
export interface WatchWriter {
  save(input: WatchInput): Promise<unknown>;
  remove(id: string): Promise<unknown>;
}

export function pairingAgent(
  db: CompanionDb,
  watches: WatchWriter,
  port: PairingPort = defaultPort(),
): Agent & {
  sync(): Promise<PairingStatus>;
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
    const before = new Map(state.synced.map((w) => [w.productId, w]));
    const local = new Map<string, PairedWatch>();
    for (const watch of await db.watchlist.toArray()) {
      const entry = toPaired(watch, before.get(watch.productId), now);
      if (entry) local.set(entry.productId, entry);
    }
    // Synced before and gone here: the shopper removed it on this device.
    for (const w of state.synced) {
      if (!local.has(w.productId))
        local.set(w.productId, w.deleted ? w : { ...w, deleted: true, updatedAt: now });
    }
    return [...local.values()];
  }

  /** Applies the merged list through the watch handlers (states, audit and pending alerts stay consistent). */
  async function applyLocally(merged: PairedWatch[]) {
    const rows = await db.watchlist.toArray();
    for (const w of merged) {
      const mine = rows.filter((r) => r.productId === w.productId && r.skuId === null);
      if (w.deleted) {
        for (const r of mine) await watches.remove(r.id);
        continue;
      }
      const target = decimalToMinor(w.target, w.currency);
      if (target === null) continue;
      if (mine.length === 0) {
        await watches.save({
          id: null,
          productId: w.productId,
          skuId: null,
          currency: w.currency,
          region: w.region,
          title: w.title,
          url: null,
          conditions: { targetPrice: target, pctBelowTypical: null, allTimeLow: false, backInStock: false },
          landed: false,
        });
      }
      for (const r of mine) {
        if (r.conditions.targetPrice === target) continue;
        const { series: _s, createdAt: _c, snoozedUntil: _z, ...input } = r;
        await watches.save({ ...input, conditions: { ...r.conditions, targetPrice: target } });
      }
    }
  }

  async function sync(): Promise<PairingStatus> {
    const state = await load();
    if (!state) return status();
    const now = port.now();
    try {
      const keys = await keysOf(state);
      const url = await blobUrl(keys);
      const local = await localList(state, now);
      // A write based on a stale version is refused (409): fetch, merge and try again.
      for (let attempt = 0; ; attempt++) {
        const res = await port.fetch(url, { method: 'GET' });
        let remote: PairedWatch[] = [];
        let version = 0;
        if (res.status === 200) {
          const blob = (await res.json()) as { ciphertext: string; version: number };
          remote = (await openWatchlist(keys, blob.ciphertext)).watches;
          version = blob.version;
        } else if (res.status !== 404) {
          throw new Error(`pair blob read failed: HTTP ${res.status}`);
        }
        const merged = mergeWatchlists(local, remote);
        const write = await port.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ciphertext: await sealWatchlist(keys, { v: 1, watches: merged }),
            baseVersion: version,
          }),
        });
        if (write.status === 409 && attempt < 3) continue;
        if (write.status !== 200) throw new Error(`pair blob write failed: HTTP ${write.status}`);
        await applyLocally(merged);
        await save({ ...state, synced: merged, lastSyncAt: now, lastError: null });
        break;
      }
    } catch (error) {
      await save({ ...state, lastError: error instanceof Error ? error.message : String(error) });
    }
    return status();
  }

  return {
    name: 'pairing',
    sync,
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
        return sync();
      },
      'pairing:sync': () => sync(),
      'pairing:unpair': async () => {
        const state = await load();
        if (state) {
          const res = await port.fetch(await blobUrl(await keysOf(state)), { method: 'DELETE' });
          if (res.status !== 200) throw new Error(`unpair failed: HTTP ${res.status}`);
          await db.settings.delete(PAIRING_KEY);
        }
        return status();
      },
    },
  };
}
