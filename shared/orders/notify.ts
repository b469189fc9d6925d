import { type Digest, formatPrice } from '../alerts.ts';
import { DAY_MS } from '../history.ts';
import type { OrderNotice, OrderRecord } from './types.ts';

/** "Buyer protection ends in 5 days and the parcel is not delivered." */
export const PROTECTION_WARNING_DAYS = 5;

const OPEN: ReadonlySet<string> = new Set(['awaiting-payment', 'processing', 'shipped', 'unknown']);

/** Whole days left, rounded up: 2.1 days left is "3 days" on the screen and in the warning. */
export function daysLeft(until: number, now: number): number {
  return Math.ceil((until - now) / DAY_MS);
}

export function daysSince(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / DAY_MS));
}

/** Not delivered and the protection deadline within the warning window (and not past). */
export function protectionAtRisk(order: OrderRecord, now: number): boolean {
  const end = order.protectionEndsAt;
  return end !== null && OPEN.has(order.status) && end > now && end - now <= PROTECTION_WARNING_DAYS * DAY_MS;
}

/** When the next order enters its warning window (an alarm time), or null when none will. */
export function nextProtectionCheck(orders: readonly OrderRecord[], now: number): number | null {
  let next: number | null = null;
  for (const o of orders) {
    if (o.protectionEndsAt === null || !OPEN.has(o.status)) continue;
    const at = o.protectionEndsAt - PROTECTION_WARNING_DAYS * DAY_MS;
    if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}

const orderPage = (id: string) => `https://www.aliexpress.com/p/order/detail.html?orderId=${id}`;

function what(order: OrderRecord): string {
  const title = order.lines[0]?.title;
  const more = order.lines.length > 1 ? ` and ${order.lines.length - 1} more` : '';
  const item = title
    ? `“${title.length > 60 ? `${title.slice(0, 57)}…` : title}”${more}`
    : `Order ${order.id}`;
  return order.storeName ? `${item} from ${order.storeName}` : item;
}

/**
 * The order notifications one merge calls for. Ids are deterministic — one protection warning per order and
 * deadline, one delivery per order — so the outbox stores each once however often the pages are read.
 * "Delivered" needs the order to have been seen undelivered before: the first read of an old, long-delivered
 * order is history, not news.
 */
export function orderNotices(prev: OrderRecord | undefined, order: OrderRecord, now: number): OrderNotice[] {
  const out: OrderNotice[] = [];
  if (protectionAtRisk(order, now)) {
    const days = daysLeft(order.protectionEndsAt!, now);
    const total =
      order.total !== null && order.currency ? ` (${formatPrice(order.total, order.currency)})` : '';
    out.push({
      id: `order|${order.id}|protection|${order.protectionEndsAt}`,
      orderId: order.id,
      kind: 'protection-ending',
      title: `Buyer protection ends in ${days} ${days === 1 ? 'day' : 'days'}`,
      body: `${what(order)}${total} is not delivered yet. Open a dispute before it ends if the parcel does not arrive.`,
      url: orderPage(order.id),
      // Money at stake within days: high priority (it still waits for quiet hours unless breakthrough is on).
      score: 0.95,
      level: 'high',
    });
  }
  if (prev && OPEN.has(prev.status) && order.status === 'delivered') {
    const carrier = order.parcels.find((p) => p.carrier)?.carrier;
    out.push({
      id: `order|${order.id}|delivered`,
      orderId: order.id,
      kind: 'delivered',
      title: 'Delivered',
      body: `${what(order)}${carrier ? `, by ${carrier}` : ''}. Check it and confirm receipt.`,
      url: orderPage(order.id),
      // Good news that can wait: it goes out with the next digest.
      score: 0.4,
      level: 'low',
    });
  }
  return out;
}

/**
 * Order notices due in a digest join it (the notification agent builds the price part with shared/alerts):
 * one line each after the price alerts, the id still derived from every member so a rebuild gives the same id.
 */
export function digestWithNotices(digest: Digest | null, notices: readonly OrderNotice[]): Digest | null {
  if (!notices.length) return digest;
  const ids = [...(digest?.alertIds ?? []), ...notices.map((n) => n.id)].sort();
  const lines = notices.map((n) => `• ${n.title}: ${n.body.split('. ')[0]}`);
  const count = (digest ? digest.body.split('\n').length : 0) + notices.length;
  return {
    id: `digest|${ids[0]}|${ids.length}`,
    alertIds: ids,
    title: count === 1 ? notices[0]!.title : digest ? `${count} updates` : `${count} order updates`,
    body: [...(digest ? [digest.body] : []), ...lines].join('\n'),
  };
}
