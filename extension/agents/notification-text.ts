import { type Alert, buildDigest, type Digest } from '../../shared/alerts.ts';
import { daysLeft, digestWithNotices } from '../../shared/orders/notify.ts';
import type { OrderNotice, OrderRecord } from '../../shared/orders/types.ts';
import type { CompanionDb, OutboxRow } from '../db.ts';
import { formatMoney } from '../ui/format.ts';
import { t, tn } from '../ui/i18n.ts';

/**
 * Notification texts in the shopper's language, from the same catalogue as the screens. The rules in shared/
 * store English text with every row (for the audit and the tests); what is shown is rebuilt here, at delivery,
 * from the row's numbers and the stored watch / order. When those are gone, the stored text is shown.
 */

export interface NotificationText {
  title: string;
  message: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export function alertText(alert: Alert, productTitle: string | null): Pick<Alert, 'title' | 'body'> {
  const money = (n: number) => formatMoney(n, alert.currency);
  const name = productTitle ?? t('alert.product', { id: alert.productId });
  const reference = alert.type === 'back-in-stock' ? alert.price : alert.threshold;
  const detail = reference == null ? '' : t(`alert.detail.${alert.type}`, { price: money(reference) });
  const flash = alert.flashDeal ? t('alert.flash') : '';
  const quality = alert.confirmedBySecondRead ? t('alert.confirmedTwice') : t('alert.confirmed');
  return {
    title: t(`alert.title.${alert.type}`, { price: money(alert.price) }),
    body: squash(`${name}. ${detail} ${flash} ${quality}`),
  };
}

function orderName(order: OrderRecord): string {
  const title = order.lines[0]?.title;
  let item = title
    ? `“${title.length > 60 ? `${title.slice(0, 57)}…` : title}”`
    : t('orders.order', { id: order.id });
  if (title && order.lines.length > 1) item = t('notice.more', { item, count: order.lines.length - 1 });
  return order.storeName ? t('notice.from', { item, store: order.storeName }) : item;
}

export function noticeText(
  notice: OrderNotice,
  order: OrderRecord,
  queuedAt: number,
): Pick<OrderNotice, 'title' | 'body'> {
  const what = orderName(order);
  if (notice.kind === 'delivered') {
    const carrier = order.parcels.find((p) => p.carrier)?.carrier;
    return {
      title: t('notice.delivered'),
      body: carrier ? t('notice.deliveredBy', { what, carrier }) : t('notice.deliveredBody', { what }),
    };
  }
  const total =
    order.total !== null && order.currency ? ` (${formatMoney(order.total, order.currency)})` : '';
  // Counted from when it was queued, as the stored text was: a deferred warning keeps its wording.
  const days = order.protectionEndsAt === null ? 0 : daysLeft(order.protectionEndsAt, queuedAt);
  return {
    title: tn('notice.protection', days),
    body: t('notice.protectionBody', { what: `${what}${total}` }),
  };
}

/** One row's text; a digest is rebuilt from its members' texts with the same merge as shared/ uses. */
export async function notificationText(db: CompanionDb, row: OutboxRow): Promise<NotificationText> {
  if (row.alert) {
    const watch = await db.watchlist.get(row.alert.watchId);
    const text = alertText(row.alert, watch?.title ?? null);
    return { title: text.title, message: text.body };
  }
  if (row.notice) {
    const order = await db.orders.get(row.notice.orderId);
    const text = order ? noticeText(row.notice, order, row.createdAt) : row.notice;
    return { title: text.title, message: text.body };
  }
  const digest = row.digest!;
  const localized = await localizedDigest(db, digest);
  return { title: localized.title, message: localized.body };
}

async function localizedDigest(db: CompanionDb, digest: Digest): Promise<Digest> {
  const members = (await db.outbox.bulkGet(digest.alertIds)).filter((r): r is OutboxRow => !!r);
  const alerts: Alert[] = [];
  const notices: OrderNotice[] = [];
  for (const m of members) {
    if (m.alert) {
      const watch = await db.watchlist.get(m.alert.watchId);
      alerts.push({ ...m.alert, ...alertText(m.alert, watch?.title ?? null) });
    } else if (m.notice) {
      const order = await db.orders.get(m.notice.orderId);
      notices.push(order ? { ...m.notice, ...noticeText(m.notice, order, m.createdAt) } : m.notice);
    }
  }
  if (members.length !== digest.alertIds.length) return digest;
  const prices = buildDigest(alerts);
  const merged = digestWithNotices(prices, notices);
  if (!merged) return digest;
  const count = merged.body.split('\n').length;
  if (count === 1) return merged;
  const title = !notices.length
    ? t('digest.prices', { count })
    : prices
      ? t('digest.updates', { count })
      : t('digest.orders', { count });
  return { ...merged, title };
}
