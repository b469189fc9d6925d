import { DAY_MS } from '../../shared/history.ts';
import { daysLeft, daysSince, PROTECTION_WARNING_DAYS } from '../../shared/orders/notify.ts';
import { ORDER_STATUSES, type OrderRecord, type OrderStatus } from '../../shared/orders/types.ts';
import { currentLocale, t, tn } from './i18n.ts';

/** Words for the Orders screen; pure, so the countdown and the timeline are unit-tested without a browser. */

export const statusLabel = (status: OrderStatus): string => t(`status.${status}`);

/** Statuses offered as filters, in the order an order moves through them ('unknown' is not something to filter by). */
export const FILTERS: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => s !== 'unknown');

export interface Step {
  label: string;
  done: boolean;
  at: number | null;
  /** `at` is a calendar day (00:00 UTC), not an instant. */
  day?: boolean;
}

/** Ordered → Shipped → Delivered → Completed; a cancelled order stops after "Ordered". */
export function timeline(order: OrderRecord, firstEventAt: number | null): Step[] {
  const rank: Record<OrderStatus, number> = {
    unknown: 0,
    'awaiting-payment': 0,
    processing: 0,
    cancelled: 0,
    shipped: 1,
    delivered: 2,
    completed: 3,
  };
  const r = rank[order.status];
  const steps: Step[] = [
    { label: t('step.ordered'), done: true, at: order.orderedAt, day: true },
    { label: t('step.shipped'), done: r >= 1, at: r >= 1 ? firstEventAt : null },
    { label: t('step.delivered'), done: r >= 2, at: order.deliveredAt },
    { label: t('step.completed'), done: r >= 3, at: null },
  ];
  return order.status === 'cancelled'
    ? [steps[0]!, { label: t('step.cancelled'), done: true, at: null }]
    : steps;
}

export type Countdown =
  | { kind: 'none' }
  | { kind: 'unknown' }
  | { kind: 'ended'; at: number }
  | { kind: 'running'; days: number; at: number; urgent: boolean };

/** Buyer protection matters until the parcel arrives; after that the screen does not count down. */
export function protectionCountdown(order: OrderRecord, now: number): Countdown {
  if (!['awaiting-payment', 'processing', 'shipped', 'unknown'].includes(order.status))
    return { kind: 'none' };
  const at = order.protectionEndsAt;
  if (at === null) return { kind: 'unknown' };
  if (at <= now) return { kind: 'ended', at };
  return {
    kind: 'running',
    days: daysLeft(at, now),
    at,
    urgent: at - now <= PROTECTION_WARNING_DAYS * DAY_MS,
  };
}

export function countdownText(c: Countdown): string {
  switch (c.kind) {
    case 'none':
      return '';
    case 'unknown':
      return t('orders.protectionUnknown');
    case 'ended':
      return t('orders.protectionEnded', { date: formatDay(c.at) });
    case 'running':
      return tn('orders.protectionLeft', c.days, { date: formatDay(c.at) });
  }
}

export function ageText(order: OrderRecord, now: number): string {
  if (order.orderedAt === null) return t('orders.noDate');
  const days = daysSince(order.orderedAt, now);
  const date = formatDay(order.orderedAt);
  return days === 0 ? t('orders.orderedToday', { date }) : tn('orders.orderedAgo', days, { date });
}

/** Order dates are calendar days stored as 00:00 UTC: print them in UTC so no time zone shifts the day. */
export function formatDay(ms: number, locale: string = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}
