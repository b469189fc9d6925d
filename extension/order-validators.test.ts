import { describe, expect, it } from 'vitest';
import { ORDER_LIST_URL, orderFixture, TRACKING_URL } from '../shared/orders/fixtures.ts';
import { readOrderResponse } from '../shared/orders/read.ts';
import { parseEnvelope } from './message-validators.ts';

const list = readOrderResponse(
  'mtop.aliexpress.trade.buyer.order.list',
  orderFixture('order-list.json'),
  ORDER_LIST_URL,
);
const tracking = readOrderResponse('mtop.ae.ld.querydetail', orderFixture('tracking.json'), TRACKING_URL);
const error = (payload: unknown) => {
  const parsed = parseEnvelope({ type: 'orders:read', payload });
  return 'error' in parsed ? parsed.error : null;
};

describe('order message validators', () => {
  it('accept what the readers produce (constructed fixtures)', () => {
    expect(error({ read: list })).toBeNull();
    expect(error({ read: tracking })).toBeNull();
    expect('error' in parseEnvelope({ type: 'orders:list', payload: { status: 'shipped' } })).toBe(false);
  });

  it('refuse what a hostile page could forge', () => {
    const order = list.orders[0]!;
    const withOrder = (patch: object) => ({ read: { ...list, orders: [{ ...order, ...patch }] } });
    expect(error(withOrder({ orderId: '12ab' }))).toContain('order id');
    expect(error(withOrder({ status: 'refunded' }))).toContain('one of');
    expect(error(withOrder({ total: -5 }))).toContain('integer');
    expect(error(withOrder({ lines: [{ ...order.lines![0], image: 'javascript:alert(1)' }] }))).toContain(
      'URL',
    );
    expect(error({ read: { ...list, source: 'popup' } })).toContain('one of');
    expect(error({ read: { ...list, orders: Array(201).fill(order) } })).toContain('array');
    expect('error' in parseEnvelope({ type: 'orders:list', payload: { status: 'all' } })).toBe(true);
  });
});
