import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Observation } from '../shared/domain.ts';
import { recordExtraction } from './agents/caching.ts';
import { eraseLocal } from './agents/dashboard.ts';
import { evictLeastValuable } from './agents/storage-budget.ts';
import { aggregatesOf, readTimesOf } from './aggregates.ts';
import { addObservations, type CompanionDb, openDb, rebuildAggregates } from './db.ts';
import { notOkResult, okResult } from './test-results.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const DAY = 86_400_000;
const HOUR = 3_600_000;

const read = (productId: string, price: number, observedAt: number, extra: Partial<Observation> = {}) => ({
  productId,
  skuId: null,
  currency: 'EUR',
  region: null,
  price,
  originalPrice: null,
  shipping: null,
  observedAt,
  flags: [],
  ...extra,
});

const bySeries = <T extends { series: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.series < b.series ? -1 : a.series > b.series ? 1 : 0));

/** The kept aggregates equal the ones computed from every stored read (write order). */
async function expectInStep(db: CompanionDb): Promise<void> {
  const { summaries, points } = aggregatesOf(await db.observations.orderBy(':id').toArray());
  expect(bySeries(await db.seriesSummaries.toArray())).toEqual(bySeries(summaries));
  expect(bySeries(await db.seriesPoints.toArray())).toEqual(bySeries(points));
  const reads = readTimesOf(await db.auditEvents.toArray());
  expect(await db.productReads.orderBy('productId').toArray()).toEqual(
    reads.sort((a, b) => (a.productId < b.productId ? -1 : 1)),
  );
}

describe('kept series aggregates', () => {
  let db: CompanionDb;
  beforeEach(() => {
    db = openDb(`test-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it('summarise one series: count, first, last, lowest, highest; points in time order', () => {
    const { summaries, points } = aggregatesOf(
      [read('1', 900, 3), read('1', 1200, 1), read('1', 700, 2), read('1', 800, 2)].map((r) => ({
        ...r,
        series: '1|*|EUR|*',
      })),
    );
    expect(points).toEqual([
      { series: '1|*|EUR|*', productId: '1', times: [1, 2, 2, 3], prices: [1200, 700, 800, 900] },
    ]);
    expect(summaries).toEqual([
      expect.objectContaining({
        count: 4,
        firstAt: 1,
        firstPrice: 1200,
        lastAt: 3,
        lastPrice: 900,
        low: 700,
        high: 1200,
      }),
    ]);
  });

  it('stay equal to the raw reads and the audit log after the caching agent writes (variants, dedupe, a read older than the last, a refused page)', async () => {
    await recordExtraction(db, okResult(), { now: NOW, trigger: 'load', tabUrl: null });
    await recordExtraction(db, okResult(), { now: NOW + 1000, trigger: 'load', tabUrl: null });
    await recordExtraction(db, okResult({ price: { min: 30000000, max: 34472100 } }), {
      now: NOW + 2 * HOUR,
      trigger: 'sku-switch',
      tabUrl: null,
    });
    await recordExtraction(db, okResult({ price: { min: 20000000, max: 34472100 }, region: 'US' }), {
      now: NOW + 3 * HOUR,
      trigger: 'load',
      tabUrl: null,
    });
    await recordExtraction(db, notOkResult('blocked', 'captcha'), {
      now: NOW + 4 * HOUR,
      trigger: 'load',
      tabUrl: null,
    });
    expect(await db.productReads.get('1005012410104961')).toEqual({
      productId: '1005012410104961',
      times: [NOW, NOW + 1000, NOW + 2 * HOUR, NOW + 3 * HOUR],
    });
    await addObservations(db, [read('2', 500, NOW), read('2', 400, NOW - DAY), read('2', 450, NOW - DAY)]);
    expect(await db.seriesSummaries.count()).toBe(5);
    await expectInStep(db);
  });

  it('stay equal after the storage budget thins and removes reads, and a product whose reads all went has none', async () => {
    await db.products.put({
      id: 'old',
      title: null,
      image: null,
      url: null,
      currency: 'EUR',
      store: null,
      rating: null,
      firstSeenAt: NOW - 60 * DAY,
      lastSeenAt: NOW - 100 * DAY,
    });
    const reads = [];
    for (let d = 60; d >= 1; d--)
      for (let h = 0; h < 3; h++) reads.push(read('old', 1000 + d + h, NOW - d * DAY + h * HOUR));
    await addObservations(db, reads);
    await addObservations(db, [read('old', 990, NOW - 70 * DAY, { skuId: '7' })]);

    const thinned = await evictLeastValuable(db, { now: NOW, overBudget: async () => false, reason: 'test' });
    expect(thinned.thinned).toBeGreaterThan(0);
    await expectInStep(db);

    await evictLeastValuable(db, { now: NOW, overBudget: async () => true, reason: 'test' });
    await expectInStep(db);
    // Reads of the last 30 days (3 a day) stay; the variant's only read (70 days old) is gone with its aggregates.
    expect(await db.seriesSummaries.where('productId').equals('old').toArray()).toEqual([
      expect.objectContaining({ skuId: null, count: 30 * 3 }),
    ]);
  });

  it('are rebuilt from the reads left after a delete, and cleared with everything local', async () => {
    await addObservations(db, [read('1', 100, 1), read('1', 50, 2), read('1', 80, 3)]);
    const lowest = (await db.observations.toArray()).find((r) => r.price === 50)!;
    await db.observations.delete(lowest.id!);
    await rebuildAggregates(db, ['1']);
    await expectInStep(db);
    expect(await db.seriesSummaries.get('1|*|EUR|*')).toMatchObject({ count: 2, low: 80, high: 100 });
    await eraseLocal(db);
    expect(await db.seriesSummaries.count()).toBe(0);
    expect(await db.seriesPoints.count()).toBe(0);
  });

  it('are backfilled from the stored reads and the audit log when a database from before them is opened', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const before = new Dexie(name);
    before.version(4).stores({
      observations: '++id, [series+observedAt], [productId+observedAt], observedAt',
      auditEvents: '++id, at, productId, kind',
    });
    const event = (productId: string | null, at: number, kind = 'observed') => ({
      at,
      kind,
      productId,
      url: null,
      status: 'ok',
      detail: '',
      fingerprint: null,
      sources: null,
    });
    await before
      .table('auditEvents')
      .bulkAdd([event('1', 5), event('1', 2), event('1', 3, 'not-stored'), event(null, 4), event('2', 1)]);
    await before.table('observations').bulkAdd(
      [read('1', 300, 2), read('1', 200, 1), read('1', 250, 1, { skuId: '9' }), read('2', 10, 5)].map(
        (r) => ({
          ...r,
          series: `${r.productId}|${r.skuId ?? '*'}|EUR|*`,
        }),
      ),
    );
    before.close();
    const after = openDb(name);
    try {
      expect(await after.seriesSummaries.count()).toBe(3);
      expect(await after.seriesPoints.get('1|*|EUR|*')).toMatchObject({ times: [1, 2], prices: [200, 300] });
      expect(await after.productReads.toArray()).toEqual([
        { productId: '1', times: [2, 5] },
        { productId: '2', times: [1] },
      ]);
      await expectInStep(after);
    } finally {
      await after.delete();
    }
  });
});
