import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/history.ts';
import type { OrderRecord } from '../../shared/orders/types.ts';
import { ageText, countdownText, protectionCountdown, timeline } from './orders-model.ts';

const NOW = Date.UTC(2026, 10, 25, 10, 0);
const order = (patch: Partial<OrderRecord> = {}): OrderRecord => ({
  id: '1',
  orderedAt: Date.UTC(2026, 10, 2),
  status: 'shipped',
  statusText: null,
  storeName: null,
  storeId: null,
  currency: 'USD',
  total: 100,
  lines: [],
  parcels: [],
  protectionEndsAt: Date.UTC(2026, 10, 28),
  deliveredAt: null,
  sources: ['order-list'],
  firstSeenAt: NOW,
  updatedAt: NOW,
  ...patch,
});

describe('Orders screen words', () => {
  it('counts whole days left, rounded up, and flags the last five', () => {
    const c = protectionCountdown(order(), NOW);
    expect(c).toEqual({ kind: 'running', days: 3, at: Date.UTC(2026, 10, 28), urgent: true });
    expect(countdownText(c)).toBe('Buyer protection: 3 days left (ends Nov 28, 2026)');
    expect(protectionCountdown(order({ protectionEndsAt: NOW + 20 * DAY_MS }), NOW)).toMatchObject({
      urgent: false,
    });
    expect(countdownText(protectionCountdown(order({ protectionEndsAt: NOW - 1 }), NOW))).toMatch(
      /^Buyer protection ended/,
    );
    expect(protectionCountdown(order({ protectionEndsAt: null }), NOW)).toEqual({ kind: 'unknown' });
    expect(protectionCountdown(order({ status: 'delivered' }), NOW)).toEqual({ kind: 'none' });
  });

  it('says how long ago the order was placed, in calendar days', () => {
    expect(ageText(order(), NOW)).toBe('Ordered Nov 2, 2026 · 23 days ago');
    expect(ageText(order({ orderedAt: null }), NOW)).toBe('Order date not shown');
  });

  it('marks the steps an order has reached', () => {
    const done = (o: OrderRecord) => timeline(o, null).map((s) => `${s.label}${s.done ? '✓' : ''}`);
    expect(done(order())).toEqual(['Ordered✓', 'Shipped✓', 'Delivered', 'Completed']);
    expect(done(order({ status: 'completed' }))).toEqual([
      'Ordered✓',
      'Shipped✓',
      'Delivered✓',
      'Completed✓',
    ]);
    expect(done(order({ status: 'cancelled' }))).toEqual(['Ordered✓', 'Cancelled✓']);
  });
});
