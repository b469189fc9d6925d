import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addObservations, type CompanionDb, DERIVED_TABLES, openDb, recordRead } from '../db.ts';
import { eraseLocal, exportLocal, seenProducts } from './dashboard.ts';

const T0 = Date.UTC(2026, 10, 1);
const MIN = 60_000;

describe('dashboard agent', () => {
  let db: CompanionDb;
  beforeEach(async () => {
    db = openDb(`test-${crypto.randomUUID()}`);
    await db.products.put({
      id: '1',
      title: 'Lamp',
      image: null,
      url: null,
      currency: 'EUR',
      store: null,
      rating: null,
      firstSeenAt: T0,
      lastSeenAt: T0 + 10 * MIN,
    });
    const obs = (skuId: string | null, currency: string, price: number, at: number) => ({
      productId: '1',
      skuId,
      currency,
      region: null,
      price,
      originalPrice: null,
      shipping: null,
      observedAt: at,
      flags: [],
    });
    // Variant reads and an older read in another currency sit around the product-level series.
    await addObservations(db, [
      obs(null, 'USD', 900, T0 - MIN),
      obs('7', 'EUR', 1500, T0),
      obs(null, 'EUR', 1200, T0),
      obs(null, 'EUR', 1000, T0 + 10 * MIN),
      obs('7', 'EUR', 1300, T0 + 10 * MIN),
    ]);
    // Three page reads: the audit log's events and the read times the caching agent keeps beside them.
    for (const at of [T0, T0 + 4 * MIN, T0 + 10 * MIN]) await recordRead(db, '1', at);
    await db.auditEvents.bulkAdd(
      [T0, T0 + 4 * MIN, T0 + 10 * MIN].map((at) => ({
        at,
        kind: 'observed' as const,
        productId: '1',
        url: null,
        status: 'ok' as const,
        detail: 'load',
        fingerprint: null,
        sources: null,
      })),
    );
  });
  afterEach(async () => {
    await db.delete();
  });

  it('gives each product its first and last product-level price in its currency, views and dwell', async () => {
    expect(await seenProducts(db)).toEqual([
      expect.objectContaining({
        id: '1',
        firstPrice: 1200,
        lastPrice: 1000,
        views: 3,
        dwellMs: 10 * MIN,
        watched: false,
      }),
    ]);
  });

  it('exports every table but the derived aggregates and erases every table', async () => {
    const exported = await exportLocal(db, T0);
    expect(exported.tables.observations).toHaveLength(5);
    expect(Object.keys(exported.tables)).toEqual(
      db.tables.map((t) => t.name).filter((name) => !DERIVED_TABLES.includes(name)),
    );
    expect(await db.seriesSummaries.count()).toBe(3);
    const counts = await eraseLocal(db);
    expect(counts).toMatchObject({ products: 1, observations: 5, auditEvents: 3 });
    for (const table of db.tables) expect(await table.count()).toBe(0);
  });
});
