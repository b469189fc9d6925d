import { ORDER_STATUSES, type OrderSource } from '../shared/orders/types.ts';

/**
 * Payload checks of the order messages (extension/messaging.ts), run by the background router through
 * extension/message-validators.ts. Kept in their own file so the order shapes stay next to each other; the few
 * combinators are repeated here rather than imported, because message-validators.ts imports this file (an
 * import cycle would leave its helpers uninitialised when these objects are built).
 */

type Check = (value: unknown, path: string) => string | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const str =
  (max: number): Check =>
  (v, p) =>
    v === null || (typeof v === 'string' && v.length <= max) ? null : `${p}: string ≤ ${max}`;
const int: Check = (v, p) =>
  v === null || (Number.isSafeInteger(v) && (v as number) >= 0) ? null : `${p}: integer ≥ 0`;
const time: Check = (v, p) =>
  v === null || (Number.isSafeInteger(v) && (v as number) > 0) ? null : `${p}: epoch ms`;
const id: Check = (v, p) =>
  v === null || (typeof v === 'string' && /^\d{1,24}$/.test(v)) ? null : `${p}: digit string`;
const orderId: Check = (v, p) => (typeof v === 'string' && /^\d{1,24}$/.test(v) ? null : `${p}: order id`);
const currency: Check = (v, p) =>
  v === null || (typeof v === 'string' && /^[A-Z]{3}$/.test(v)) ? null : `${p}: ISO 4217`;
const https: Check = (v, p) =>
  v === null || (typeof v === 'string' && v.length <= 2000 && /^https?:\/\//.test(v))
    ? null
    : `${p}: http(s) URL`;
const oneOf =
  (values: readonly (string | null)[]): Check =>
  (v, p) =>
    values.includes(v as string | null) ? null : `${p}: one of ${values.join('|')}`;

const obj =
  (shape: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v) || Array.isArray(v)) return `${p}: object`;
    for (const [key, check] of Object.entries(shape)) {
      const error = check(v[key], `${p}.${key}`);
      if (error) return error;
    }
    return null;
  };

const arr =
  (item: Check, max: number, nullable = false): Check =>
  (v, p) => {
    if (v === null && nullable) return null;
    if (!Array.isArray(v) || v.length > max) return `${p}: array ≤ ${max}`;
    for (let i = 0; i < v.length; i++) {
      const error = item(v[i], `${p}[${i}]`);
      if (error) return error;
    }
    return null;
  };

const line = obj({
  lineId: id,
  productId: id,
  skuId: id,
  title: str(2000),
  image: https,
  attributes: str(1000),
  quantity: (v, p) =>
    Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 1e6 ? null : `${p}: quantity`,
  unitPrice: int,
});

const event = obj({ at: time, code: str(100), title: str(200), description: str(1000) });

const parcel = obj({
  trackingNumber: str(100),
  carrier: str(200),
  etaEnd: time,
  productIds: arr(orderId, 200),
  events: arr(event, 200),
});

const snapshot = obj({
  orderId,
  orderedAt: time,
  status: oneOf([...ORDER_STATUSES, null]),
  statusText: str(200),
  storeName: str(500),
  storeId: id,
  currency,
  total: int,
  lines: arr(line, 200, true),
  parcels: arr(parcel, 20, true),
  protectionEndsAt: time,
});

const SOURCES: readonly OrderSource[] = ['order-list', 'order-detail', 'tracking', 'dom'];

export const ordersReadCheck: Check = obj({
  read: obj({
    source: oneOf(SOURCES),
    orders: arr(snapshot, 200),
    problems: arr(str(1000), 50),
  }),
});

export const ordersListCheck: Check = obj({ status: oneOf([...ORDER_STATUSES, null]) });
