import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CompanionDb, openDb } from '../db.ts';
import { expectWordedAudit } from '../ui/audit-text-check.ts';
import { evictLeastValuable, withQuotaRetry } from './storage-budget.ts';

const NOW = Date.UTC(2026, 10, 25, 12);
const DAY = 86_400_000;
const HOUR = 3_600_000;

async function product(db: CompanionDb, id: string, lastSeenAt: number, readsPerDay: number, days: number) {
  await db.products.put({
    id,
    title: id,
    image: null,
    url: null,
    currency: 'EUR',
    store: null,
    rating: null,
    firstSeenAt: NOW - days * DAY,
    lastSeenAt,
  });
  for (let d = days; d >= 1; d--) {
    for (let h = 0; h < readsPerDay; h++) {
      await db.observations.add({
        productId: id,
        skuId: null,
        currency: 'EUR',
        region: null,
        price: 1000 + h,
        originalPrice: null,
        shipping: null,
        observedAt: NOW - d * DAY + h * HOUR,
        flags: [],
        series: `${id}|*|EUR|*`,
      });
    }
  }
}

const count = (db: CompanionDb, id: string) => db.observations.where('productId').equals(id).count();

describe('storage budget eviction', () => {
  let db: CompanionDb;
  beforeEach(async () => {
    db = openDb(`test-${crypto.randomUUID()}`);
    await product(db, 'old', NOW - 100 * DAY, 3, 60);
    await product(db, 'watched', NOW - 100 * DAY, 3, 60);
    await product(db, 'alerted', NOW - 100 * DAY, 3, 60);
    await product(db, 'recent', NOW - DAY, 3, 60);
    await db.watchlist.put({
      id: 'w1',
      productId: 'watched',
      skuId: null,
      currency: 'EUR',
      region: null,
      title: null,
      url: null,
      conditions: { targetPrice: 900, pctBelowTypical: null, allTimeLow: false, backInStock: false },
      landed: false,
      createdAt: NOW - 90 * DAY,
      snoozedUntil: null,
      series: 'watched|*|EUR|*',
    });
    await db.outbox.put({
      id: 'a1',
      kind: 'alert',
      status: 'pending',
      mode: 'deferred',
      deliverAt: NOW + HOUR,
      alert: { productId: 'alerted' } as never,
      digest: null,
      score: 1,
      level: 'normal' as never,
      createdAt: NOW,
      deliveredAt: null,
      digestId: null,
      attempts: 0,
    });
  });
  afterEach(async () => {
    await expectWordedAudit(db);
    await db.delete();
  });

  it('thins old reads of products nobody follows to one a day, and stops there when that is enough', async () => {
    const result = await evictLeastValuable(db, {
      now: NOW,
      overBudget: async () => false,
      reason: 'storage full',
    });
    // 'old': 30 days older than the recent window × (3 − 1) reads dropped.
    expect(result).toEqual({ thinned: 60, removed: 0 });
    expect(await count(db, 'old')).toBe(30 + 90);
    for (const id of ['watched', 'alerted', 'recent']) expect(await count(db, id)).toBe(180);
    const [audit] = await db.auditEvents.where('kind').equals('evicted').toArray();
    expect(audit?.detail).toContain('thinned 60');
  });

  it('removes those old reads when thinning is not enough, never watches, rule states or pending alerts', async () => {
    const result = await evictLeastValuable(db, {
      now: NOW,
      overBudget: async () => true,
      reason: 'storage full',
    });
    expect(result).toEqual({ thinned: 60, removed: 30 });
    expect(await count(db, 'old')).toBe(90);
    expect(await db.watchlist.count()).toBe(1);
    expect(await db.outbox.get('a1')).toMatchObject({ status: 'pending' });
    expect(await count(db, 'watched')).toBe(180);
  });

  it('frees space and retries a write the browser refused for quota', async () => {
    let attempts = 0;
    const value = await withQuotaRetry(
      db,
      () => NOW,
      async () => {
        attempts++;
        if (attempts === 1) throw new DOMException('full', 'QuotaExceededError');
        return 'stored';
      },
    );
    expect(value).toBe('stored');
    expect(await count(db, 'old')).toBe(90);
    await expect(
      withQuotaRetry(
        db,
        () => NOW,
        async () => Promise.reject(new Error('other')),
      ),
    ).rejects.toThrow('other');
  });
});
