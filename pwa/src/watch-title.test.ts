import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDb } from './db.ts';
import { watchTitle } from './watch-title.ts';

describe('watchTitle (the service worker’s read of the watchlist)', () => {
  it('reads the title the app stored with Dexie, and null for an unknown or untitled watch', async () => {
    const name = `watch-title-${crypto.randomUUID()}`;
    const db = openDb(name);
    await db.watches.bulkPut([
      { productId: '1005001', currency: 'USD', region: null, target: 1500, title: 'Desk lamp', addedAt: 1 },
      { productId: '1005002', currency: 'USD', region: null, target: 900, title: null, addedAt: 1 },
    ]);
    db.close();
    expect(await watchTitle('1005001', name)).toBe('Desk lamp');
    expect(await watchTitle('1005002', name)).toBeNull();
    expect(await watchTitle('1005003', name)).toBeNull();
  });

  it('without a database yet, answers null and creates none (Dexie creates it on the app’s first start)', async () => {
    const name = `watch-title-${crypto.randomUUID()}`;
    expect(await watchTitle('1005001', name)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    const db = openDb(name);
    await db.watches.put({
      productId: '1005001',
      currency: 'USD',
      region: null,
      target: 1,
      title: 'Lamp',
      addedAt: 1,
    });
    db.close();
    expect(await watchTitle('1005001', name)).toBe('Lamp');
  });
});
