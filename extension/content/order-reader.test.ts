import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DETAIL_URL, ORDER_LIST_URL, orderFixture, TRACKING_URL } from '../../shared/orders/fixtures.ts';
import type { OrdersRead } from '../../shared/orders/types.ts';
import { installOrderReader } from './order-reader.ts';
import { CHANNEL } from './relay.ts';

/** A page window with just what the isolated order reader touches; `html` becomes its document. */
function page(url: string, html = '<html><body></body></html>') {
  const { document } = parseHTML(html);
  const listeners: ((event: unknown) => void)[] = [];
  const posted: unknown[] = [];
  const u = new URL(url);
  const win = {
    location: { href: url, origin: u.origin, pathname: u.pathname },
    document,
    addEventListener: (_type: string, listener: (event: unknown) => void) => listeners.push(listener),
    postMessage: (message: unknown) => posted.push(message),
  };
  const reads: OrdersRead[] = [];
  installOrderReader(win as unknown as Window, (r) => reads.push(r));
  const relay = (api: string, text: string, source: unknown = win) => {
    for (const l of listeners)
      l({ source, origin: u.origin, data: { channel: CHANNEL, kind: 'payload', api, text, exact: true } });
  };
  return { reads, posted, relay };
}

describe('isolated order reader', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads relayed order responses with the page URL, says it is ready, ignores the rest', () => {
    const { reads, posted, relay } = page(TRACKING_URL);
    expect(posted).toEqual([{ channel: CHANNEL, kind: 'ready' }]);
    relay('mtop.ae.ld.querydetail', orderFixture('tracking.json'));
    relay('mtop.aliexpress.pdp.pc.query', orderFixture('tracking.json'));
    relay('mtop.ae.ld.querydetail', orderFixture('tracking.json'), {});
    relay('mtop.ae.ld.querydetail', '{"ret":["FAIL_SYS_SESSION_EXPIRED::x"]}');
    expect(reads.map((r) => [r.source, r.orders[0]?.orderId])).toEqual([['tracking', '8201234567890123']]);
  });

  it('reads the order detail response on the detail page', () => {
    const { reads, relay } = page(DETAIL_URL);
    relay('mtop.aliexpress.trade.buyer.order.detail', orderFixture('order-detail.json'));
    expect(reads[0]?.orders[0]).toMatchObject({ orderId: '8201234567890123', total: 2566 });
  });

  it('reads the rendered cards of the order list once, then the list response', () => {
    const observed: unknown[] = [];
    vi.stubGlobal(
      'MutationObserver',
      class {
        observe(target: unknown) {
          observed.push(target);
        }
        disconnect() {}
      },
    );
    const { reads, relay } = page(ORDER_LIST_URL, orderFixture('order-list.html'));
    expect(reads.map((r) => [r.source, r.orders.length])).toEqual([['dom', 2]]);
    expect(observed).toHaveLength(1);
    relay('mtop.aliexpress.trade.buyer.order.list', orderFixture('order-list.json'));
    expect(reads.map((r) => [r.source, r.orders.length])).toEqual([
      ['dom', 2],
      ['order-list', 3],
    ]);
  });
});
