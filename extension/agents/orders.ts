import { mergeOrder } from '../../shared/orders/merge.ts';
import { nextProtectionCheck, orderNotices } from '../../shared/orders/notify.ts';
import { type DropAfterPurchase, dropAfterPurchase } from '../../shared/orders/purchase.ts';
import type {
  OrderEventRecord,
  OrderNotice,
  OrderRecord,
  OrderStatus,
  OrdersRead,
  PurchaseRecord,
} from '../../shared/orders/types.ts';
import type { CompanionDb } from '../db.ts';
import type { Agent } from './agent.ts';
import { appendAudit, auditEntry } from './audit.ts';

/**
 * The orders part of the caching agent: order-page reads → orders, tracking events and purchase markers in
 * IndexedDB, idempotently (events and purchases have content-derived ids; orders are merged, never appended).
 * It decides which order notifications are due (shared/orders/notify.ts) and hands them to the notification
 * agent, which owns quiet hours, digests and delivery. A protection deadline is also checked by an alarm, so the
 * warning comes five days before it even when no order page is opened in between.
 */

export const PROTECTION_ALARM = 'orders:protection';

export interface OrdersOutcome {
  orders: number;
  /** Orders whose stored view changed (new ones included). */
  changed: number;
  events: number;
  purchases: number;
  notices: number;
}

export interface PurchaseView extends PurchaseRecord {
  /** The latest read of the product after the order, when it is below the price paid. */
  dropped: DropAfterPurchase | null;
}

export interface OrderView {
  order: OrderRecord;
  /** Newest first. */
  events: OrderEventRecord[];
  purchases: PurchaseView[];
}

export interface OrdersAgentOptions {
  now?: () => number;
  /** The notification agent's queue (quiet hours, digests, delivery). */
  notify?: (notices: OrderNotice[]) => Promise<number>;
  /** One alarm for the next protection check; null clears it. */
  scheduleCheck?: (when: number | null) => Promise<void>;
}

export interface OrdersAgent extends Agent {
  /** Warn about deadlines that entered the window while no page was read, and set the next alarm. */
  checkProtection(): Promise<number>;
}

export async function recordOrders(
  db: CompanionDb,
  read: OrdersRead,
  now: number,
  url: string | null,
): Promise<{ outcome: OrdersOutcome; notices: OrderNotice[] }> {
  return db.transaction('rw', [db.orders, db.orderEvents, db.purchases, db.auditEvents], async () => {
    const outcome: OrdersOutcome = { orders: 0, changed: 0, events: 0, purchases: 0, notices: 0 };
    const notices: OrderNotice[] = [];
    for (const snap of read.orders) {
      const prev = await db.orders.get(snap.orderId);
      const merged = mergeOrder(prev, snap, read.source, now);
      await db.orders.put(merged.order);
      const known = new Set(
        (await db.orderEvents.bulkGet(merged.events.map((e) => e.id))).flatMap((e) => (e ? [e.id] : [])),
      );
      const fresh = merged.events.filter((e) => !known.has(e.id));
      await db.orderEvents.bulkPut(fresh);
      // Lines a better read replaced (a rendered card's line without its SKU) take their purchase marker along.
      const keep = new Set(merged.purchases.map((p) => p.id));
      await db.purchases
        .where('orderId')
        .equals(snap.orderId)
        .filter((p) => !keep.has(p.id))
        .delete();
      await db.purchases.bulkPut(merged.purchases);
      outcome.orders++;
      if (merged.changed) outcome.changed++;
      outcome.events += fresh.length;
      outcome.purchases += merged.purchases.length;
      notices.push(...orderNotices(prev, merged.order, now));
    }
    const problems = read.problems.length ? `; ${read.problems.slice(0, 3).join('; ')}` : '';
    await appendAudit(
      db,
      auditEntry({
        at: now,
        kind: read.orders.length ? 'observed' : 'not-stored',
        url,
        detail: `orders (${read.source}): ${outcome.orders} read, ${outcome.changed} changed, ${outcome.events} new events${problems}`,
        message: {
          key: 'orders',
          vars: {
            source: read.source,
            orders: outcome.orders,
            changed: outcome.changed,
            events: outcome.events,
            problems,
          },
        },
      }),
    );
    outcome.notices = notices.length;
    return { outcome, notices };
  });
}

export async function listOrders(db: CompanionDb, status: OrderStatus | null): Promise<OrderView[]> {
  const orders = status
    ? await db.orders.where('status').equals(status).toArray()
    : await db.orders.toArray();
  orders.sort(
    (a, b) => (b.orderedAt ?? b.firstSeenAt) - (a.orderedAt ?? a.firstSeenAt) || (a.id < b.id ? 1 : -1),
  );
  return Promise.all(
    orders.map(async (order) => {
      const events = await db.orderEvents
        .where('[orderId+at]')
        .between([order.id, Number.NEGATIVE_INFINITY], [order.id, Number.POSITIVE_INFINITY])
        .reverse()
        .toArray();
      const purchases = await db.purchases.where('orderId').equals(order.id).toArray();
      return { order, events, purchases: await Promise.all(purchases.map((p) => withDrop(db, p))) };
    }),
  );
}

async function withDrop(db: CompanionDb, purchase: PurchaseRecord): Promise<PurchaseView> {
  const reads = await db.observations
    .where('[productId+observedAt]')
    .between([purchase.productId, purchase.orderedAt ?? 0], [purchase.productId, Number.POSITIVE_INFINITY])
    .toArray();
  return { ...purchase, dropped: dropAfterPurchase(purchase, reads) };
}

export function ordersAgent(db: CompanionDb, options: OrdersAgentOptions = {}): OrdersAgent {
  const now = options.now ?? Date.now;
  const notify = options.notify ?? (async () => 0);

  async function reschedule(): Promise<void> {
    const open = await db.orders
      .where('status')
      .anyOf('awaiting-payment', 'processing', 'shipped', 'unknown')
      .toArray();
    await options.scheduleCheck?.(nextProtectionCheck(open, now()));
  }

  return {
    name: 'orders',
    async checkProtection() {
      const at = now();
      const open = await db.orders
        .where('status')
        .anyOf('awaiting-payment', 'processing', 'shipped', 'unknown')
        .toArray();
      const notices = open.flatMap((o) =>
        orderNotices(o, o, at).filter((n) => n.kind === 'protection-ending'),
      );
      const queued = notices.length ? await notify(notices) : 0;
      await reschedule();
      return queued;
    },
    handlers: {
      'orders:read': async ({ read }, sender) => {
        const { outcome, notices } = await recordOrders(db, read, now(), sender.url);
        if (notices.length) await notify(notices);
        await reschedule();
        return outcome;
      },
      'orders:list': async ({ status }) => listOrders(db, status),
    },
  };
}
