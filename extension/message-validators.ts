import type { AlertType } from '../shared/alerts.ts';
import type { ExtractFlag, ExtractStatus } from '../shared/extract/types.ts';
import type { Envelope, ExtractTrigger, MessageType } from './messaging.ts';
import { ordersListCheck, ordersReadCheck } from './order-validators.ts';

/**
 * The payload check of every message in extension/messaging.ts, run by the background router before any
 * handler. Hand-written: a schema library would be heavier than the protocol. Only the background imports
 * this file: its top-level validator objects are not tree-shaken, and content scripts must stay tiny.
 */

type Check = (value: unknown, path: string) => string | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const str =
  (max: number, nullable = true): Check =>
  (v, p) =>
    (v === null && nullable) || (typeof v === 'string' && v.length <= max) ? null : `${p}: string ≤ ${max}`;

const int =
  (nullable = true): Check =>
  (v, p) =>
    (v === null && nullable) || (Number.isSafeInteger(v) && (v as number) >= 0) ? null : `${p}: integer ≥ 0`;

const bool: Check = (v, p) => (typeof v === 'boolean' ? null : `${p}: boolean`);

const digits: Check = (v, p) => (typeof v === 'string' && /^\d{1,24}$/.test(v) ? null : `${p}: digit string`);

const nullableDigits: Check = (v, p) => (v === null ? null : digits(v, p));

const oneOf =
  (values: readonly string[]): Check =>
  (v, p) =>
    typeof v === 'string' && values.includes(v) ? null : `${p}: one of ${values.join('|')}`;

const obj =
  (shape: Record<string, Check>, nullable = false): Check =>
  (v, p) => {
    if (v === null && nullable) return null;
    if (!isObject(v)) return `${p}: object`;
    for (const [key, check] of Object.entries(shape)) {
      const error = check(v[key], `${p}.${key}`);
      if (error) return error;
    }
    return null;
  };

const arr =
  (item: Check, max: number): Check =>
  (v, p) => {
    if (!Array.isArray(v) || v.length > max) return `${p}: array ≤ ${max}`;
    for (let i = 0; i < v.length; i++) {
      const error = item(v[i], `${p}[${i}]`);
      if (error) return error;
    }
    return null;
  };

const optional =
  (check: Check): Check =>
  (v, p) =>
    v === undefined ? null : check(v, p);

const range = obj({ min: int(false), max: int(false) }, true);

const STATUSES: readonly ExtractStatus[] = ['ok', 'partial', 'blocked', 'not-found', 'unrecognized'];
const FLAGS: readonly ExtractFlag[] = ['new-user-price', 'flash-deal', 'lot', 'out-of-stock', 'unreachable'];
const TRIGGERS: readonly ExtractTrigger[] = ['load', 'payload', 'sku-switch', 'navigation'];
const currency: Check = (v, p) =>
  v === null || (typeof v === 'string' && /^[A-Z]{3}$/.test(v)) ? null : `${p}: ISO 4217`;

const sources: Check = (v, p) => {
  if (!isObject(v)) return `${p}: object`;
  const entries = Object.entries(v);
  if (entries.length > 40) return `${p}: too many keys`;
  return entries.every(([, s]) => typeof s === 'string' && s.length <= 200) ? null : `${p}: strings`;
};

const extractResult = obj({
  status: oneOf(STATUSES),
  kind: optional(oneOf(['product', 'freight'])),
  reason: str(1000),
  fingerprint: str(500),
  productId: nullableDigits,
  title: str(2000),
  image: str(2000),
  url: str(4000),
  currency,
  tradeCurrency: currency,
  region: (v, p) => (v === null || (typeof v === 'string' && /^[A-Z]{2}$/.test(v)) ? null : `${p}: ISO 3166`),
  price: range,
  originalPrice: range,
  skus: arr(
    obj({
      skuId: digits,
      attributes: str(1000, false),
      price: int(),
      originalPrice: int(),
      stock: int(),
      available: bool,
    }),
    2000,
  ),
  selectedSkuId: nullableDigits,
  shipping: obj(
    {
      amount: int(),
      currency,
      free: bool,
      unreachable: bool,
      days: int(),
    },
    true,
  ),
  store: obj(
    { id: str(40), name: str(500), positiveRate: (v, p) => (v === null || typeof v === 'number' ? null : p) },
    true,
  ),
  rating: obj(
    {
      average: (v, p) => (v === null || typeof v === 'number' ? null : p),
      count: int(),
    },
    true,
  ),
  lot: obj({ piecesPerLot: int(false) }, true),
  flags: arr(oneOf(FLAGS), FLAGS.length),
  sources,
});

const nullableId: Check = (v, p) => (v === undefined || v === null ? null : digits(v, p));

// ---- watches and notification settings ----

const watchId: Check = (v, p) => (typeof v === 'string' && /^[\w-]{1,64}$/.test(v) ? null : `${p}: watch id`);
const pct: Check = (v, p) => (typeof v === 'number' && v > 0 && v < 100 ? null : `${p}: percent in (0, 100)`);
const hhmm: Check = (v, p) =>
  typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? null : `${p}: HH:MM`;
const timeOrNull: Check = (v, p) => (v === null || Number.isSafeInteger(v) ? null : `${p}: epoch ms`);
const region: Check = (v, p) =>
  v === null || (typeof v === 'string' && /^[A-Z]{2}$/.test(v)) ? null : `${p}: ISO 3166`;
const ALERT_TYPE_LIST: readonly AlertType[] = ['target', 'all-time-low', 'pct-drop', 'back-in-stock'];
const timeZone: Check = (v, p) => {
  if (typeof v !== 'string' || v.length > 64) return `${p}: time zone`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return null;
  } catch {
    return `${p}: unknown time zone`;
  }
};

const conditions = obj({
  targetPrice: (v, p) =>
    v === null || (Number.isSafeInteger(v) && (v as number) > 0) ? null : `${p}: price > 0`,
  pctBelowTypical: (v, p) => (v === null || v === 'default' ? null : pct(v, p)),
  allTimeLow: bool,
  backInStock: bool,
});

const watchFields = {
  productId: digits,
  skuId: nullableDigits,
  currency: (v: unknown, p: string) =>
    typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? null : `${p}: ISO 4217`,
  region,
  title: str(2000),
  url: (v: unknown, p: string) =>
    v === null ||
    (typeof v === 'string' && v.length <= 4000 && /^https:\/\/[^/]*aliexpress\.(com|us|ru)\//.test(v))
      ? null
      : `${p}: AliExpress https URL`,
  conditions,
  landed: bool,
};

const watch = obj({
  ...watchFields,
  id: watchId,
  createdAt: int(false),
  snoozedUntil: timeOrNull,
});

const ruleState = obj({ armed: bool, firedAt: timeOrNull, firedPrice: int() });
const watchState = obj(
  {
    watchId,
    lastPrice: int(),
    lowest: int(),
    lastInStock: (v, p) => (v === null || typeof v === 'boolean' ? null : `${p}: boolean`),
    pending: obj({ price: int(false), observedAt: int(false) }, true),
    lastObservedAt: timeOrNull,
    rules: obj(Object.fromEntries(ALERT_TYPE_LIST.map((t) => [t, ruleState]))),
  },
  true,
);

const notificationSettings = obj({
  enabledTypes: obj(Object.fromEntries(ALERT_TYPE_LIST.map((t) => [t, bool]))),
  defaultPctBelowTypical: pct,
  rearmMarginPct: (v, p) => (typeof v === 'number' && v >= 0 && v <= 100 ? null : `${p}: 0–100`),
  rearmDays: (v, p) =>
    Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 365 ? null : `${p}: 1–365`,
  allTimeLowMinPct: (v, p) => (typeof v === 'number' && v >= 0 && v < 100 ? null : `${p}: 0–100`),
  allTimeLowMinHistoryDays: (v, p) => (Number.isSafeInteger(v) && (v as number) >= 0 ? null : `${p}: days`),
  jumpPct: pct,
  quietHours: obj({ enabled: bool, start: hhmm, end: hhmm }),
  allowBreakthrough: bool,
  digestTimes: arr(hhmm, 12),
  timeZone,
  paused: bool,
});

// ---- community sharing ----

/** The community API's base URL: http(s) only, no credentials, query or fragment (the agent appends paths). */
const apiBase: Check = (v, p) => {
  if (v === null) return null;
  if (typeof v !== 'string' || v.length > 200) return `${p}: URL`;
  try {
    const url = new URL(v);
    const plain = !url.username && !url.password && !url.search && !url.hash;
    return (url.protocol === 'https:' || url.protocol === 'http:') && plain ? null : `${p}: http(s) URL`;
  } catch {
    return `${p}: URL`;
  }
};

export const VALIDATORS: { [K in MessageType]: Check } = {
  'page:extracted': obj({ result: extractResult, trigger: oneOf(TRIGGERS) }),
  'product:view': obj({
    productId: nullableId,
    tabId: optional((v, p) => (v === null || Number.isSafeInteger(v) ? null : `${p}: tab id`)),
    url: optional(str(4000)),
  }),
  'products:recent': obj({
    limit: (v, p) => (Number.isSafeInteger(v) && (v as number) <= 200 ? null : `${p}: ≤ 200`),
  }),
  'price:summary': obj({ productId: digits }),
  'price:prediction': obj({ productId: digits }),
  'watch:save': obj({ ...watchFields, id: (v, p) => (v === null ? null : watchId(v, p)) }),
  'watch:list': obj({ productId: nullableId }),
  'watch:delete': obj({ id: watchId }),
  'watch:restore': obj({ watch, state: watchState }),
  'notification-settings:get': obj({}),
  'notification-settings:set': notificationSettings,
  'sharing:status': obj({}),
  'sharing:set': obj({ sharing: bool }),
  'sharing:api-base': obj({ apiBase: apiBase }),
  'sharing:upload-now': obj({}),
  'pairing:status': obj({}),
  'pairing:start': obj({}),
  'pairing:sync': obj({}),
  'pairing:unpair': obj({}),
  'sharing:delete-shared': obj({}),
  'community:product': obj({ productId: digits }),
  'community:deals': obj({}),
  'products:seen': obj({}),
  'audit:list': obj({
    kind: (v, p) =>
      v === null || (typeof v === 'string' && /^[a-z-]{1,20}$/.test(v)) ? null : `${p}: audit kind`,
    limit: (v, p) =>
      Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 5000 ? null : `${p}: 1–5000`,
  }),
  'local:export': obj({}),
  'local:erase': obj({}),
  'widget:data': obj({}),
  'widget:watch': obj({}),
  'widget:prediction': obj({}),
  'orders:read': ordersReadCheck,
  'orders:list': ordersListCheck,
};

/** Returns the envelope when it is a known message with a valid payload, else the reason it is not. */
export function parseEnvelope(message: unknown): { envelope: Envelope } | { error: string } {
  if (!isObject(message) || typeof message.type !== 'string') return { error: 'not an envelope' };
  if (!Object.hasOwn(VALIDATORS, message.type)) return { error: `unknown message ${message.type}` };
  const type = message.type as MessageType;
  const error = VALIDATORS[type](message.payload, 'payload');
  return error ? { error } : { envelope: { type, payload: message.payload } as Envelope };
}
