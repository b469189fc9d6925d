import { type ReadonlySignal, signal } from '@preact/signals';
import { liveQuery, type Subscription } from 'dexie';
import type { PwaDb, Tombstones, WatchRow } from './db.ts';

export interface Watchlist {
  items: ReadonlySignal<WatchRow[]>;
  /** The last removed watch while its undo is still offered. */
  lastRemoved: ReadonlySignal<WatchRow | null>;
  add(watch: Omit<WatchRow, 'addedAt'> & { addedAt?: number }): Promise<void>;
  remove(productId: string): Promise<void>;
  undoRemove(): Promise<void>;
  forgetUndo(): void;
  get(productId: string): WatchRow | undefined;
  close(): void;
}

/** The watchlist as a small model: Dexie is the truth, the signal mirrors it through a live query. */
export function createWatchlist(db: PwaDb, now: () => number = Date.now): Watchlist {
  const items = signal<WatchRow[]>([]);
  const lastRemoved = signal<WatchRow | null>(null);
  const subscription: Subscription = liveQuery(() =>
    db.watches.orderBy('addedAt').reverse().toArray(),
  ).subscribe({
    next: (rows) => {
      items.value = rows;
    },
    error: (error: unknown) => console.error('watchlist query failed', error),
  });
  return {
    items,
    lastRemoved,
    async add(watch) {
      if (!Number.isSafeInteger(watch.target) || watch.target <= 0)
        throw new Error('target must be a positive amount');
      const existing = await db.watches.get(watch.productId);
      const t = now();
      await db.watches.put({
        ...watch,
        // A new target keeps the other conditions a paired extension gave this watch.
        conditions: watch.conditions ?? existing?.conditions,
        addedAt: watch.addedAt ?? existing?.addedAt ?? t,
        updatedAt: t,
      });
    },
    async remove(productId) {
      const row = await db.watches.get(productId);
      if (!row) return;
      await db.transaction('rw', db.watches, db.meta, async () => {
        await db.watches.delete(productId);
        const tombstones = ((await db.meta.get('tombstones'))?.value ?? {}) as Tombstones;
        await db.meta.put({ key: 'tombstones', value: { ...tombstones, [productId]: now() } });
      });
      lastRemoved.value = row;
    },
    async undoRemove() {
      const row = lastRemoved.value;
      if (!row) return;
      lastRemoved.value = null;
      // Restoring is a fresh change: it must win over the removal on a paired device.
      await db.watches.put({ ...row, updatedAt: now() });
    },
    forgetUndo() {
      lastRemoved.value = null;
    },
    get(productId) {
      return items.value.find((w) => w.productId === productId);
    },
    close() {
      subscription.unsubscribe();
    },
  };
}
