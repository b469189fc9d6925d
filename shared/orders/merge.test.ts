import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../history.ts';
import { mergeOrder, mergeStatus } from './merge.ts';
import { digestWithNotices, nextProtectionCheck, orderNotices } from './notify.ts';
import { dropAfterPurchase } from './purchase.ts';
import type { OrderSnapshot } from './types.ts';

const NOW = Date.UTC(2026, 10, 25, 10, 0);
const snap = (patch: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  orderId: '1',
  orderedAt: null,
  status: null,
  statusText: null,
  storeName: null,
  storeId: null,
  currency: null,
  total: null,
  lines: null,
  parcels: null,
  protectionEndsAt: null,
  ...patch,
});

describe('merging reads of one order', () => {
  it('keeps what a read did not see and is idempotent', () => {
    const a = mergeOrder(
      undefined,
      snap({ status: 'shipped', total: 500, currency: 'USD' }),
      'order-list',
      NOW,
    );
    const b = mergeOrder(a.order, snap({ protectionEndsAt: NOW + DAY_MS }), 'tracking', NOW + 1);
    expect(b.order).toMatchObject({ status: 'shipped', total: 500, protectionEndsAt: NOW + DAY_MS });
    expect(b.changed).toBe(true);
    const c = mergeOrder(b.order, snap({ protectionEndsAt: NOW + DAY_MS }), 'tracking', NOW + 2);
    expect(c.changed).toBe(false);
    expect(c.order).toEqual({ ...b.order, updatedAt: NOW + 2 });
  });

  it('order pages decide the status; tracking only moves it forward; delivery survives "awaiting delivery"', () => {
    expect(mergeStatus('shipped', 'cancelled', 'order-list')).toBe('cancelled');
    expect(mergeStatus('delivered', 'shipped', 'order-list')).toBe('delivered');
    expect(mergeStatus('completed', 'shipped', 'tracking')).toBe('completed');
    expect(mergeStatus('processing', 'shipped', 'tracking')).toBe('shipped');
    expect(mergeStatus('shipped', 'processing', 'tracking')).toBe('shipped');
    expect(mergeStatus(undefined, null, 'dom')).toBe('unknown');
  });
});

describe('order notices', () => {
  const shipped = mergeOrder(
    undefined,
    snap({ status: 'shipped', protectionEndsAt: NOW + 4 * DAY_MS }),
    'order-list',
    NOW,
  ).order;

  it('warn inside the last five days only, with a deterministic id', () => {
    expect(orderNotices(undefined, shipped, NOW).map((n) => [n.id, n.title, n.level])).toEqual([
      [`order|1|protection|${NOW + 4 * DAY_MS}`, 'Buyer protection ends in 4 days', 'high'],
    ]);
    expect(orderNotices(undefined, { ...shipped, protectionEndsAt: NOW + 6 * DAY_MS }, NOW)).toEqual([]);
    expect(orderNotices(undefined, { ...shipped, protectionEndsAt: NOW - 1 }, NOW)).toEqual([]);
    expect(orderNotices(undefined, { ...shipped, status: 'delivered' }, NOW)).toEqual([]);
    expect(nextProtectionCheck([{ ...shipped, protectionEndsAt: NOW + 9 * DAY_MS }], NOW)).toBe(
      NOW + 4 * DAY_MS,
    );
  });

  it('"delivered" only for an order seen undelivered before', () => {
    const done = { ...shipped, status: 'delivered' as const };
    expect(orderNotices(shipped, done, NOW).map((n) => [n.kind, n.level])).toEqual([['delivered', 'low']]);
    expect(orderNotices(undefined, done, NOW)).toEqual([]);
    expect(orderNotices(done, done, NOW)).toEqual([]);
  });

  it('join a digest after the price alerts', () => {
    const [n] = orderNotices(shipped, { ...shipped, status: 'delivered' }, NOW);
    const digest = digestWithNotices({ id: 'x', alertIds: ['a|target|1'], title: 'T', body: '• Target' }, [
      n!,
    ]);
    expect(digest).toMatchObject({ alertIds: ['a|target|1', 'order|1|delivered'], title: '2 updates' });
    expect(digest!.body.split('\n')).toHaveLength(2);
    expect(digestWithNotices(null, [n!])?.title).toBe('Delivered');
  });
});

describe('price dropped after you bought', () => {
  const purchase = {
    id: '1|2|3',
    orderId: '1',
    productId: '2',
    skuId: '3',
    title: null,
    currency: 'USD',
    unitPrice: 1000,
    quantity: 1,
    orderedAt: NOW,
  };
  it('compares the same variant, later, in the same currency', () => {
    const reads = [
      { skuId: '3', currency: 'USD', price: 900, observedAt: NOW + DAY_MS },
      { skuId: '3', currency: 'EUR', price: 100, observedAt: NOW + 2 * DAY_MS },
      { skuId: null, currency: 'USD', price: 500, observedAt: NOW + 2 * DAY_MS },
      { skuId: '3', currency: 'USD', price: 800, observedAt: NOW - DAY_MS },
    ];
    expect(dropAfterPurchase(purchase, reads)).toEqual({
      price: 900,
      observedAt: NOW + DAY_MS,
      drop: 100,
      pct: 10,
    });
    expect(dropAfterPurchase({ ...purchase, skuId: null }, reads)?.price).toBe(500);
    expect(
      dropAfterPurchase(purchase, [{ skuId: '3', currency: 'USD', price: 1000, observedAt: NOW + 1 }]),
    ).toBeNull();
  });
});
