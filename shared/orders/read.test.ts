/**
 * The order readers on CONSTRUCTED fixtures (shared/orders/fixtures): no real order or tracking page is public,
 * so these check the readers against the documented structure, not against captured AliExpress responses.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { ORDER_APIS } from './apis.ts';
import { type ElementLike, readOrderListDom } from './dom.ts';
import { DETAIL_URL, ORDER_LIST_URL, orderFixture, TRACKING_URL } from './fixtures.ts';
import { readOrderResponse } from './read.ts';

const LIST = orderFixture('order-list.json');
const DETAIL = orderFixture('order-detail.json');
const TRACKING = orderFixture('tracking.json');
const PARTIAL = orderFixture('order-list-partial.json');
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

describe('order list (mtop.aliexpress.trade.buyer.order.list)', () => {
  const read = readOrderResponse('mtop.aliexpress.trade.buyer.order.list', LIST, ORDER_LIST_URL);

  it('reads every order with id, date, status, store, total and lines', () => {
    expect(read.problems).toEqual([]);
    expect(read.orders.map((o) => [o.orderId, o.status, o.total, o.currency])).toEqual([
      ['8201234567890123', 'shipped', 2566, 'USD'],
      ['8201234567890456', 'completed', 384, 'USD'],
      ['8201234567890789', 'processing', 1234, 'EUR'],
    ]);
    const [a] = read.orders;
    expect(a).toMatchObject({
      orderedAt: day(2026, 11, 2),
      statusText: 'Awaiting delivery',
      storeName: 'Demo Lighting Store',
      storeId: '1102345678',
      parcels: null,
      protectionEndsAt: null,
    });
    expect(a!.lines).toEqual([
      {
        lineId: '8201234567900123',
        productId: '1005006180026951',
        skuId: '12000036541259401',
        title: 'LED Strip Light 5m RGB',
        image: 'https://ae-pic-a1.aliexpress-media.com/kf/Sdemo1.jpg_220x220.jpg',
        attributes: 'Color: RGB / Length: 5m',
        quantity: 2,
        unitPrice: 1130,
      },
      expect.objectContaining({ productId: '1005004567890123', quantity: 1, unitPrice: 306 }),
    ]);
  });

  it('falls back to the numeric status code when the words are unknown', () => {
    const odd = LIST.replace('"Completed"', '"Tamam"');
    const o = readOrderResponse('mtop.aliexpress.trade.buyer.order.list', odd, null).orders[1];
    expect(o?.status).toBe('completed');
  });

  it('says why a logged-out response has no orders', () => {
    const expired = JSON.stringify({ ret: ['FAIL_SYS_SESSION_EXPIRED::Session expired'], data: {} });
    const r = readOrderResponse('mtop.aliexpress.trade.buyer.order.list', expired, null);
    expect(r.orders).toEqual([]);
    expect(r.problems[0]).toContain('FAIL_SYS_SESSION_EXPIRED');
  });

  it('reads the JSONP form the page library loads', () => {
    const r = readOrderResponse('mtop.aliexpress.trade.buyer.order.list', `mtopjsonp2(${LIST})`, null);
    expect(r.orders).toHaveLength(3);
  });
});

describe('order detail (mtop.aliexpress.trade.buyer.order.detail)', () => {
  it('reads status, total, date, seller, lines and the protection line', () => {
    const r = readOrderResponse('mtop.aliexpress.trade.buyer.order.detail', DETAIL, DETAIL_URL);
    expect(r.problems).toEqual([]);
    expect(r.orders).toEqual([
      expect.objectContaining({
        orderId: '8201234567890123',
        orderedAt: day(2026, 11, 2),
        status: 'shipped',
        storeName: 'Demo Lighting Store',
        total: 2566,
        currency: 'USD',
        protectionEndsAt: day(2026, 12, 1),
      }),
    ]);
    expect(r.orders[0]!.lines?.[0]).toMatchObject({
      productId: '1005006180026951',
      quantity: 2,
      unitPrice: 1130,
    });
  });

  it('takes the order id from the page URL when the components do not carry it', () => {
    const bare = JSON.stringify({
      ret: ['SUCCESS'],
      data: { data: { s: { tag: 'detail_order_status_block', fields: { title: 'Completed' } } } },
    });
    expect(
      readOrderResponse('mtop.aliexpress.trade.buyer.order.detail', bare, DETAIL_URL).orders[0],
    ).toMatchObject({
      orderId: '8201234567890123',
      status: 'completed',
    });
    expect(readOrderResponse('mtop.aliexpress.trade.buyer.order.detail', bare, null).problems).toEqual([
      'no order id',
    ]);
  });
});

describe('tracking (mtop.ae.ld.querydetail)', () => {
  const r = readOrderResponse('mtop.ae.ld.querydetail', TRACKING, TRACKING_URL);

  it('reads the parcel, carrier, events with times and the protection deadline', () => {
    expect(r.problems).toEqual([]);
    const [o] = r.orders;
    expect(o).toMatchObject({
      orderId: '8201234567890123',
      status: 'shipped',
      protectionEndsAt: day(2026, 12, 1),
    });
    const [p] = o!.parcels!;
    expect(p).toMatchObject({
      trackingNumber: 'LP00712345678901',
      carrier: 'Cainiao',
      etaEnd: day(2026, 11, 28),
      productIds: ['1005006180026951', '1005004567890123'],
    });
    expect(p!.events.map((e) => e.code)).toEqual([
      'AE_LH_ARRIVE_SUCCESS',
      'AE_LH_DEPART_SUCCESS',
      'AE_GWMS_ACCEPT',
      'AE_ORDER_PLACED',
    ]);
    expect(p!.events[0]).toEqual({
      at: Date.UTC(2026, 10, 12, 14, 20),
      code: 'AE_LH_ARRIVE_SUCCESS',
      title: 'In transit',
      description: 'Arrived at destination country airport',
    });
  });

  it('sees delivery by the event code, whatever the language', () => {
    const delivered = JSON.parse(TRACKING);
    delivered.data.module.trackingDetailLineList[0].detailList.unshift({
      time: Date.UTC(2026, 10, 20, 11),
      trackingName: 'Entregado',
      trackingDetailDesc: 'Paquete entregado',
      trackingPrimaryCode: 'AE_GTMS',
      trackingSecondCode: 'AE_GTMS_SIGNED',
    });
    const o = readOrderResponse('mtop.ae.ld.querydetail', JSON.stringify(delivered), TRACKING_URL).orders[0];
    expect(o?.status).toBe('delivered');
  });

  it('hides a blocked tracking number and needs the order id from the URL', () => {
    const blocked = TRACKING.replace('"blockMailNo": "false"', '"blockMailNo": "true"');
    expect(
      readOrderResponse('mtop.ae.ld.querydetail', blocked, TRACKING_URL).orders[0]!.parcels![0]!
        .trackingNumber,
    ).toBeNull();
    const noId = readOrderResponse('mtop.ae.ld.querydetail', TRACKING, ORDER_LIST_URL);
    expect(noId.orders).toEqual([]);
    expect(noId.problems[0]).toContain('order id');
  });
});

describe('DOM fallback (rendered order list)', () => {
  it('reads the cards by class prefix', () => {
    const { document } = parseHTML(orderFixture('order-list.html'));
    const r = readOrderListDom(document as unknown as ElementLike);
    expect(r.problems).toEqual([]);
    expect(r.orders.map((o) => [o.orderId, o.status, o.orderedAt, o.total, o.currency, o.storeName])).toEqual(
      [
        ['8201234567890123', 'shipped', day(2026, 11, 2), 2566, 'USD', 'Demo Lighting Store'],
        ['8201234567890456', 'completed', day(2026, 10, 5), 384, 'USD', 'Demo Tools Store'],
      ],
    );
    expect(r.orders[0]!.lines).toEqual([
      {
        lineId: null,
        productId: '1005006180026951',
        skuId: null,
        title: 'LED Strip Light 5m RGB',
        image: 'https://ae-pic-a1.aliexpress-media.com/kf/Sdemo1.jpg_220x220.jpg',
        attributes: 'Color: RGB, Length: 5m',
        quantity: 2,
        unitPrice: 1130,
      },
    ]);
    expect(r.orders[1]!.lines![0]).toMatchObject({
      image: 'https://ae-pic-a1.aliexpress-media.com/kf/Sdemo3.jpg',
      quantity: 1,
      unitPrice: 388,
    });
  });

  it('reads nothing (and does not throw) on a page without cards', () => {
    const { document } = parseHTML('<html><body><p>Sign in</p></body></html>');
    expect(readOrderListDom(document as unknown as ElementLike).orders).toEqual([]);
  });
});

describe('partial and malformed responses never throw', () => {
  it('keeps what a partial response has and says what it lacks', () => {
    const r = readOrderResponse('mtop.aliexpress.trade.buyer.order.list', PARTIAL, null);
    expect(r.orders.map((o) => [o.orderId, o.status, o.total, o.currency, o.storeName, o.lines])).toEqual([
      ['8201234567890999', 'cancelled', null, null, null, []],
      ['8201234567891000', null, null, null, null, []],
    ]);
    expect(r.problems).toEqual(['pc_om_list_order: no order id']);
  });

  const bodies = [LIST, DETAIL, TRACKING, PARTIAL];
  const garbage = [
    '',
    'null',
    '[]',
    '{}',
    '{"data":null}',
    '{"data":{"data":[1,2]}}',
    '{"data":{"module":{"trackingDetailLineList":[null,1,"x",{"detailList":{"a":1}}]}}}',
    '<html>',
    'mtopjsonp1(',
    '{"ret":"SUCCESS","data":{"data":{"pc_om_list_order_1":{"fields":{"orderId":"1","orderLines":[null,{"quantity":{}}]}}}}}',
  ];

  it.each(ORDER_APIS)('%s: truncated, mangled and garbage texts give a read, never an exception', (api) => {
    const texts = [...garbage];
    for (const body of bodies) {
      for (let cut = 0; cut < body.length; cut += 97) texts.push(body.slice(0, cut));
      texts.push(
        body.replaceAll('"', "'"),
        body.replaceAll(':', ':null,"x":'),
        body.replaceAll('[', '{"a":['),
      );
    }
    for (const t of texts) {
      const r = readOrderResponse(api, t, TRACKING_URL);
      expect(Array.isArray(r.orders)).toBe(true);
      expect(Array.isArray(r.problems)).toBe(true);
    }
  });

  it('swapped field types in every position still give a read', () => {
    for (const body of [LIST, DETAIL, TRACKING]) {
      const value = JSON.parse(body);
      const swaps = [null, 0, -1, 1e300, '', 'x', [], {}, true];
      const paths: (string | number)[][] = [];
      const walk = (v: unknown, path: (string | number)[]) => {
        if (paths.length > 400) return;
        paths.push(path);
        if (v && typeof v === 'object')
          for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
      };
      walk(value, []);
      paths.forEach((path, i) => {
        const copy = JSON.parse(body);
        let parent = copy;
        for (const key of path.slice(0, -1)) parent = parent[key];
        if (path.length) parent[path.at(-1)!] = swaps[i % swaps.length];
        for (const api of ORDER_APIS)
          expect(() => readOrderResponse(api, JSON.stringify(copy), TRACKING_URL)).not.toThrow();
      });
    }
  });
});
