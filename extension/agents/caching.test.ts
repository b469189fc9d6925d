import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CompanionDb, openDb } from '../db.ts';
import { notOkResult, okResult } from '../test-results.ts';
import { expectWordedAudit } from '../ui/audit-text-check.ts';
import { auditForProduct, recentAudit } from './audit.ts';
import { DEDUPE_WINDOW_MS, observationsOf, recordExtraction } from './caching.ts';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const ctx = (now: number) => ({
  now,
  trigger: 'load' as const,
  tabUrl: 'https://id.aliexpress.com/item/1.html',
});

describe('caching agent', () => {
  let db: CompanionDb;
  beforeEach(() => {
    db = openDb(`test-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    await expectWordedAudit(db);
    await db.delete();
  });

  it('writes product, SKUs, the product-level and selected-SKU observations and an audit event', async () => {
    const outcome = await recordExtraction(db, okResult(), ctx(T0));
    expect(outcome).toEqual({ stored: 2, deduped: 0, reason: null });

    const product = await db.products.get('1005012410104961');
    expect(product).toMatchObject({
      title: 'Hair straightener <b>2600mAh</b>',
      currency: 'IDR',
      firstSeenAt: T0,
    });
    expect(await db.skus.where('productId').equals('1005012410104961').count()).toBe(2);

    const observations = await db.observations.orderBy('id').toArray();
    expect(observations.map((o) => [o.skuId, o.price, o.region])).toEqual([
      [null, 34329700, 'ID'],
      ['12000058476050807', 34329700, 'ID'],
    ]);
    const audit = await auditForProduct(db, '1005012410104961');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      kind: 'observed',
      status: 'ok',
      detail: 'load: stored 2, unchanged within the hour 0',
    });
  });

  it('does not store the same price twice within the hour, but audits the visit', async () => {
    await recordExtraction(db, okResult(), ctx(T0));
    const again = await recordExtraction(db, okResult(), ctx(T0 + 30 * 60_000));
    expect(again).toEqual({ stored: 0, deduped: 2, reason: null });
    expect(await db.observations.count()).toBe(2);
    expect(await auditForProduct(db, '1005012410104961')).toHaveLength(2);
    expect((await db.products.get('1005012410104961'))?.lastSeenAt).toBe(T0 + 30 * 60_000);
  });

  it('stores the same price again once the hour has passed', async () => {
    await recordExtraction(db, okResult(), ctx(T0));
    const later = await recordExtraction(db, okResult(), ctx(T0 + DEDUPE_WINDOW_MS));
    expect(later.stored).toBe(2);
  });

  it('stores a changed price within the hour', async () => {
    await recordExtraction(db, okResult(), ctx(T0));
    const cheaper = okResult({ price: { min: 30000000, max: 34472100 } });
    const outcome = await recordExtraction(db, cheaper, ctx(T0 + 60_000));
    // product-level price changed; the selected SKU's did not
    expect(outcome).toEqual({ stored: 1, deduped: 1, reason: null });
  });

  it('keeps the shipping fee only when it is in the price currency and deliverable', () => {
    const shipping = { amount: 380, currency: 'IDR', free: false, unreachable: false, days: null };
    const [same] = observationsOf(okResult({ shipping }), 'p', 'IDR', T0);
    const [other] = observationsOf(okResult({ shipping: { ...shipping, currency: 'CNY' } }), 'p', 'IDR', T0);
    const [unreachable] = observationsOf(
      okResult({ shipping: { ...shipping, unreachable: true } }),
      'p',
      'IDR',
      T0,
    );
    expect([same?.shipping, other?.shipping, unreachable?.shipping]).toEqual([380, null, null]);
  });

  it('keeps series apart by currency and region', async () => {
    await recordExtraction(db, okResult(), ctx(T0));
    await recordExtraction(db, okResult({ region: 'US' }), ctx(T0 + 1));
    await recordExtraction(db, okResult({ currency: 'USD' }), ctx(T0 + 2));
    expect(await db.observations.count()).toBe(6);
  });

  it('records a variant switch as an observation of the newly selected SKU', async () => {
    await recordExtraction(db, okResult(), ctx(T0));
    const outcome = await recordExtraction(
      db,
      okResult({ selectedSkuId: '12000058476050808' }),
      ctx(T0 + 1000),
    );
    expect(outcome).toEqual({ stored: 1, deduped: 1, reason: null });
    const rows = await db.observations.where('productId').equals('1005012410104961').toArray();
    expect(rows.find((o) => o.skuId === '12000058476050808')?.price).toBe(34472100);
  });

  it.each([
    ['blocked', 'captcha page'],
    ['partial', 'client-rendered page: no price in the server HTML'],
    ['unrecognized', 'no known page data'],
    ['not-found', 'item removed'],
  ] as const)('stores no price for a %s result and audits why', async (status, reason) => {
    const outcome = await recordExtraction(db, notOkResult(status, reason), ctx(T0));
    expect(outcome).toEqual({ stored: 0, deduped: 0, reason: `${status}: ${reason}` });
    expect(await db.observations.count()).toBe(0);
    expect(await db.products.count()).toBe(0);
    const [event] = await recentAudit(db);
    expect(event).toMatchObject({
      kind: 'not-stored',
      status,
      detail: `load: ${status}: ${reason}`,
      message: { key: 'notStored', vars: { trigger: 'load', status, reason: `: ${reason}` } },
    });
  });

  it.each([
    ['price', { price: null }, 'noPrice'],
    ['currency', { currency: null }, 'noCurrency'],
    ['product id', { productId: null }, 'noProductId'],
  ] as const)(
    'refuses an ok result without a %s, and says so in the audit message',
    async (what, change, key) => {
      const outcome = await recordExtraction(db, okResult(change), ctx(T0));
      expect(outcome.reason).toBe(`ok without a ${what}`);
      expect(await db.observations.count()).toBe(0);
      const [event] = await recentAudit(db);
      expect(event).toMatchObject({
        detail: `load: ok without a ${what}`,
        message: { key, vars: { trigger: 'load' } },
      });
    },
  );

  it('rolls back everything when a write in the transaction fails', async () => {
    // A SKU row without its key makes bulkPut throw after the product was written.
    const broken = okResult({ skus: [{ ...okResult().skus[0]!, skuId: undefined as unknown as string }] });
    await expect(recordExtraction(db, broken, ctx(T0))).rejects.toThrow();
    expect(await db.products.count()).toBe(0);
    expect(await db.observations.count()).toBe(0);
    expect(await db.auditEvents.count()).toBe(0);
  });
});
