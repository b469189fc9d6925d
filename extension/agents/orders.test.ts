/** The orders agent on the CONSTRUCTED order fixtures (shared/orders/fixtures): storage, idempotence, notices. */
import 'fake-indexeddb/auto';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../shared/alerts.ts';
import { DAY_MS } from '../../shared/history.ts';
import { type ElementLike, readOrderListDom } from '../../shared/orders/dom.ts';
import { ORDER_LIST_URL, orderFixture, TRACKING_URL } from '../../shared/orders/fixtures.ts';
import { readOrderResponse } from '../../shared/orders/read.ts';
import type { OrdersRead } from '../../shared/orders/types.ts';
import { type CompanionDb, openDb } from '../db.ts';
import { expectWordedAudit } from '../ui/audit-text-check.ts';
import type { SenderInfo } from './agent.ts';
import { productView } from './catalog.ts';
import {
  type NotificationAgent,
  type NotificationPort,
  notificationAgent,
  SETTINGS_KEY,
} from './notification.ts';
import { listOrders, type OrdersAgent, ordersAgent } from './orders.ts';

const T0 = Date.UTC(2026, 10, 25, 10, 0); // Nov 25, 2026 10:00 UTC; protection in tracking.json ends Dec 1
const DEADLINE = Date.UTC(2026, 11, 1);
const ORDER = '8201234567890123';
const list = () =>
  readOrderResponse(
    'mtop.aliexpress.trade.buyer.order.list',
    orderFixture('order-list.json'),
    ORDER_LIST_URL,
  );
const tracking = (patch?: (module: { trackingDetailLineList: { detailList: unknown[] }[] }) => void) => {
  const value = JSON.parse(orderFixture('tracking.json'));
  patch?.(value.data.module);
  return readOrderResponse('mtop.ae.ld.querydetail', JSON.stringify(value), TRACKING_URL);
};
const delivered = () =>
  tracking((m) =>
    m.trackingDetailLineList[0]!.detailList.unshift({
      time: T0 + 2 * DAY_MS,
      trackingName: 'Delivered',
      trackingDetailDesc: 'Delivered to the mailbox',
      trackingPrimaryCode: 'AE_GTMS',
      trackingSecondCode: 'AE_GTMS_SIGNED',
    }),
  );

class Port implements NotificationPort {
  shown = new Map<string, { title: string; message: string }>();
  alarm: number | null = null;
  async show(id: string, n: { title: string; message: string }) {
    this.shown.set(id, n);
  }
  async shownIds() {
    return [...this.shown.keys()];
  }
  async clear(id: string) {
    this.shown.delete(id);
  }
  async scheduleAt(when: number | null) {
    this.alarm = when;
  }
  async openTab() {}
  watchlistUrl() {
    return 'chrome-extension://x/watchlist.html';
  }
}

const sender: SenderInfo = { kind: 'content', tabId: 1, url: ORDER_LIST_URL };

describe('orders agent', () => {
  let db: CompanionDb;
  let now: number;
  let port: Port;
  let notifications: NotificationAgent;
  let agent: OrdersAgent;
  let checkAt: number | null;
  const read = (r: OrdersRead) => agent.handlers!['orders:read']!({ read: r }, sender);

  beforeEach(async () => {
    db = openDb(`test-${crypto.randomUUID()}`);
    now = T0;
    port = new Port();
    checkAt = null;
    await db.settings.put({
      key: SETTINGS_KEY,
      value: {
        ...DEFAULT_ALERT_SETTINGS,
        timeZone: 'UTC',
        quietHours: { enabled: false, start: '22:00', end: '08:00' },
      },
    });
    notifications = notificationAgent(db, { port, now: () => now });
    agent = ordersAgent(db, {
      now: () => now,
      notify: (n) => notifications.notifyOrders(n),
      scheduleCheck: async (when) => {
        checkAt = when;
      },
    });
  });
  afterEach(async () => {
    await expectWordedAudit(db);
    await db.delete();
  });

  it('stores orders, events and purchases; reading the same pages again changes nothing', async () => {
    expect(await read(list())).toEqual({ orders: 3, changed: 3, events: 0, purchases: 4, notices: 0 });
    expect(await read(tracking())).toMatchObject({ orders: 1, changed: 1, events: 4 });
    const again = [await read(list()), await read(tracking())];
    expect(again.map((o) => [o.changed, o.events])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(await db.orders.count()).toBe(3);
    expect(await db.orderEvents.count()).toBe(4);
    expect(await db.purchases.count()).toBe(4);
    const order = await db.orders.get(ORDER);
    expect(order).toMatchObject({
      status: 'shipped',
      total: 2566,
      protectionEndsAt: DEADLINE,
      sources: ['order-list', 'tracking'],
      parcels: [expect.objectContaining({ trackingNumber: 'LP00712345678901', carrier: 'Cainiao' })],
    });
    expect(order!.lines).toHaveLength(2);
    expect((await db.auditEvents.toArray()).map((a) => a.detail)).toContain(
      'orders (tracking): 1 read, 0 changed, 0 new events',
    );
  });

  it('rendered cards and the list response describe the same lines once, whichever comes first', async () => {
    const dom = () =>
      readOrderListDom(parseHTML(orderFixture('order-list.html')).document as unknown as ElementLike);
    await read(dom());
    expect((await db.purchases.toArray()).map((p) => p.id).sort()).toEqual([
      `${ORDER}|1005006180026951|*`,
      '8201234567890456|1005001234567890|*',
    ]);
    await read(list());
    await read(dom());
    expect((await db.purchases.toArray()).map((p) => p.id).sort()).toEqual([
      `${ORDER}|1005004567890123|12000029876543210`,
      `${ORDER}|1005006180026951|12000036541259401`,
      '8201234567890456|1005001234567890|12000011112222333',
      '8201234567890789|1005007654321098|*',
    ]);
    expect((await db.orders.get(ORDER))?.lines).toHaveLength(2);
  });

  it('warns once when protection ends within 5 days and the parcel is not delivered', async () => {
    await read(list());
    await read(tracking());
    expect(port.shown.size).toBe(0); // Dec 1 is 5.6 days away
    expect(checkAt).toBe(DEADLINE - 5 * DAY_MS);

    now = checkAt!;
    expect(await agent.checkProtection()).toBe(1);
    expect([...port.shown]).toEqual([
      [
        `order|${ORDER}|protection|${DEADLINE}`,
        expect.objectContaining({ title: 'Buyer protection ends in 5 days' }),
      ],
    ]);
    // The alarm again, the pages again: still one.
    now += DAY_MS;
    expect(await agent.checkProtection()).toBe(0);
    await read(tracking());
    await read(list());
    expect(port.shown.size).toBe(1);
    expect((await db.outbox.toArray()).map((r) => [r.kind, r.status])).toEqual([['notice', 'delivered']]);
  });

  it('waits for the end of quiet hours', async () => {
    await db.settings.put({
      key: SETTINGS_KEY,
      value: {
        ...DEFAULT_ALERT_SETTINGS,
        timeZone: 'UTC',
        quietHours: { enabled: true, start: '00:00', end: '12:00' },
      },
    });
    now = Date.UTC(2026, 10, 27, 3, 0);
    await read(list());
    await read(tracking());
    expect(port.shown.size).toBe(0);
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ mode: 'deferred', deliverAt: Date.UTC(2026, 10, 27, 12, 0) });
    now = row!.deliverAt;
    await notifications.onAlarm('notifications:deliver');
    expect(port.shown.size).toBe(1);
  });

  it('a delivery seen after the order was on its way: delivered, once, in the next digest', async () => {
    await read(list());
    await read(tracking());
    await read(delivered());
    expect((await db.orders.get(ORDER))?.status).toBe('delivered');
    // The order list still says "Awaiting delivery" until the shopper confirms: it stays delivered.
    await read(list());
    const order = await db.orders.get(ORDER);
    expect(order).toMatchObject({ status: 'delivered', deliveredAt: T0 + 2 * DAY_MS });
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => [r.id, r.mode])).toEqual([[`order|${ORDER}|delivered`, 'digest']]);
    expect(port.shown.size).toBe(0);
    now = rows[0]!.deliverAt;
    await notifications.onAlarm('notifications:deliver');
    expect([...port.shown.values()].map((n) => n.title)).toEqual(['Delivered']);
    // Delivered: no protection countdown alarm any more.
    expect(checkAt).toBeNull();
  });

  it('an order first seen already delivered is history, not news', async () => {
    await read(delivered());
    await read(list());
    expect(await db.outbox.count()).toBe(0);
  });

  it('lists orders newest first, by status, with "price dropped after you bought"', async () => {
    await read(list());
    await db.observations.add({
      productId: '1005006180026951',
      skuId: '12000036541259401',
      currency: 'USD',
      region: null,
      price: 990,
      originalPrice: null,
      shipping: null,
      observedAt: T0,
      flags: [],
      series: '1005006180026951|12000036541259401|USD|*',
    });
    const all = await listOrders(db, null);
    expect(all.map((v) => v.order.id)).toEqual(['8201234567890789', ORDER, '8201234567890456']);
    const led = all[1]!.purchases.find((p) => p.productId === '1005006180026951');
    expect(led?.dropped).toEqual({ price: 990, observedAt: T0, drop: 140, pct: 12.4 });
    expect(all[1]!.purchases.find((p) => p.productId === '1005004567890123')?.dropped).toBeNull();
    expect((await listOrders(db, 'completed')).map((v) => v.order.id)).toEqual(['8201234567890456']);
  });

  it('puts what was paid on the product chart (same currency)', async () => {
    await read(list());
    await db.products.put({
      id: '1005006180026951',
      title: 'LED Strip',
      image: null,
      url: null,
      currency: 'USD',
      store: null,
      rating: null,
      firstSeenAt: T0,
      lastSeenAt: T0,
    });
    const view = await productView(db, '1005006180026951');
    expect(view?.purchases).toEqual([{ observedAt: Date.UTC(2026, 10, 2), price: 1130 }]);
    await db.products.update('1005006180026951', { currency: 'EUR' });
    expect((await productView(db, '1005006180026951'))?.purchases).toEqual([]);
  });
});
