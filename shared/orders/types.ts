/**
 * The contract between the order/tracking readers (content scripts on the order list, order detail and tracking
 * pages) and everything that stores or judges orders. Money is integer minor units of `currency`; times are epoch
 * ms (UTC). Order, product and SKU ids are exact decimal strings.
 */

/**
 * One status vocabulary for every page language. `shipped` = on its way (AliExpress "Awaiting delivery"),
 * `delivered` = a carrier reported delivery, `completed` = the order is closed as received.
 */
export type OrderStatus =
  | 'awaiting-payment'
  | 'processing'
  | 'shipped'
  | 'delivered'
  | 'completed'
  | 'cancelled'
  | 'unknown';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'awaiting-payment',
  'processing',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'unknown',
];

export interface OrderLine {
  /** The order line id where the page gives it (stable key for the purchase marker). */
  lineId: string | null;
  productId: string | null;
  skuId: string | null;
  title: string | null;
  image: string | null;
  /** "Color: Black" — page text, render as text only. */
  attributes: string | null;
  quantity: number;
  /** Price of one piece, minor units of the order's currency. */
  unitPrice: number | null;
}

export interface TrackingEvent {
  at: number;
  /** The carrier's locale-independent code (`AE_LH_ARRIVE_SUCCESS`…) when given: the key, not the text. */
  code: string | null;
  title: string | null;
  description: string | null;
}

export interface Parcel {
  trackingNumber: string | null;
  carrier: string | null;
  /** Latest promised delivery time where the page gives it. */
  etaEnd: number | null;
  productIds: string[];
  /** Newest first. */
  events: TrackingEvent[];
}

/**
 * What ONE page read says about one order. `null` (or an absent list) means "this source did not say", never
 * "empty": the order list carries no tracking, the tracking page no price, so reads are merged (shared/orders/
 * merge.ts), not replaced.
 */
export interface OrderSnapshot {
  orderId: string;
  orderedAt: number | null;
  status: OrderStatus | null;
  /** The page's own status words (shown beside ours, in the shopper's language). */
  statusText: string | null;
  storeName: string | null;
  storeId: string | null;
  currency: string | null;
  total: number | null;
  lines: OrderLine[] | null;
  parcels: Parcel[] | null;
  /** When buyer protection ends (refund if not delivered before this), where the page says. */
  protectionEndsAt: number | null;
}

export type OrderSource = 'order-list' | 'order-detail' | 'tracking' | 'dom';

export interface OrdersRead {
  source: OrderSource;
  orders: OrderSnapshot[];
  /** Why parts could not be read (for the audit log); a read with problems still carries what it could. */
  problems: string[];
}

export type OrderNoticeKind = 'protection-ending' | 'delivered';

/** An order notification (shared/orders/notify.ts decides; the notification agent plans and shows it). */
export interface OrderNotice {
  /** Deterministic: the same order event can only ever be queued once. */
  id: string;
  orderId: string;
  kind: OrderNoticeKind;
  title: string;
  body: string;
  /** Where a click goes (the Orders screen or the AliExpress tracking page). */
  url: string | null;
  score: number;
  level: 'high' | 'normal' | 'low';
}

/** An order as every read so far describes it (shared/orders/merge.ts), as the extension stores it. */
export interface OrderRecord {
  /** The AliExpress order id. */
  id: string;
  orderedAt: number | null;
  status: OrderStatus;
  statusText: string | null;
  storeName: string | null;
  storeId: string | null;
  currency: string | null;
  total: number | null;
  lines: OrderLine[];
  /** Parcels without their events (those are stored one row each). */
  parcels: Omit<Parcel, 'events'>[];
  protectionEndsAt: number | null;
  /** The first delivery event's time, or when a read first said delivered. */
  deliveredAt: number | null;
  sources: OrderSource[];
  firstSeenAt: number;
  updatedAt: number;
}

/** One tracking event; the id is derived from its content, so re-reading a page never duplicates it. */
export interface OrderEventRecord extends TrackingEvent {
  id: string;
  orderId: string;
  trackingNumber: string | null;
}

/** An order line's price: a purchase marker in the product's price history. */
export interface PurchaseRecord {
  /** `${orderId}|${lineId}`, or `${orderId}|${productId}|${skuId}` when the page gives no line id. */
  id: string;
  orderId: string;
  productId: string;
  skuId: string | null;
  title: string | null;
  currency: string;
  unitPrice: number;
  quantity: number;
  orderedAt: number | null;
}
