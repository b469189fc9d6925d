import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type PwaDb } from './db.ts';
import { createWatchlist, type Watchlist } from './watchlist.ts';

let db: PwaDb;
let list: Watchlist;
let n = 0;

async function settle(): Promise<void> {
  // liveQuery re-runs asynchronously after a write.
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5));
}

function setup(): void {
  db = openDb(`watchlist-test-${++n}`);
  let t = 1_000;
  list = createWatchlist(db, () => t++);
}

afterEach(async () => {
  list.close();
  await db.delete();
});

describe('watchlist store', () => {
  it('adds, lists newest first, updates a target in place', async () => {
    setup();
    await list.add({ productId: '111111', currency: 'USD', region: null, target: 999, title: 'A' });
    await list.add({ productId: '222222', currency: 'EUR', region: 'DE', target: 1500, title: null });
    await settle();
    expect(list.items.value.map((w) => w.productId)).toEqual(['222222', '111111']);
    await list.add({ productId: '111111', currency: 'USD', region: null, target: 899, title: 'A' });
    await settle();
    expect(list.items.value).toHaveLength(2);
    expect(list.get('111111')).toMatchObject({ target: 899, addedAt: 1000, updatedAt: 1002 });
  });

  it('refuses a target that is not a positive whole amount', async () => {
    setup();
    await expect(
      list.add({ productId: '1', currency: 'USD', region: null, target: 0, title: null }),
    ).rejects.toThrow();
    await expect(
      list.add({ productId: '1', currency: 'USD', region: null, target: 1.5, title: null }),
    ).rejects.toThrow();
    expect(await db.watches.count()).toBe(0);
  });

  it('removes with undo, and undo restores the same row', async () => {
    setup();
    await list.add({ productId: '333333', currency: 'USD', region: 'US', target: 100, title: 'C' });
    await settle();
    const before = list.get('333333');
    await list.remove('333333');
    await settle();
    expect(list.items.value).toEqual([]);
    expect(list.lastRemoved.value?.productId).toBe('333333');
    await list.undoRemove();
    await settle();
    expect(list.get('333333')).toEqual({ ...before, updatedAt: expect.any(Number) });
    expect(list.get('333333')!.updatedAt!).toBeGreaterThan(before!.updatedAt!);
    expect(list.lastRemoved.value).toBeNull();
    // The removal left a tombstone for a paired device.
    expect((await db.meta.get('tombstones'))?.value).toEqual({ '333333': expect.any(Number) });
  });

  it('persists across reopening the database', async () => {
    setup();
    await list.add({ productId: '444444', currency: 'USD', region: null, target: 100, title: null });
    list.close();
    db.close();
    db = openDb(`watchlist-test-${n}`);
    list = createWatchlist(db);
    await settle();
    expect(list.items.value.map((w) => w.productId)).toEqual(['444444']);
  });
});
