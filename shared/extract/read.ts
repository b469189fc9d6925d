/**
 * Defensive accessors for page data (anything may be missing, null or of the wrong type after a site
 * change), and what every page generation's reader shares: the reading it returns, SKU rows, price ranges.
 */
import { isCurrencyCode, parseMoney, toMinor } from '../money.ts';
import type {
  ExtractFlag,
  ExtractResult,
  Lot,
  PriceRange,
  Rating,
  Shipping,
  SkuPrice,
  Store,
} from './types.ts';

export type Obj = Record<string, unknown>;

export function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : null;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** A value down a path of keys, or undefined. */
export function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    const o = obj(current);
    if (!o) return undefined;
    current = o[key];
  }
  return current;
}

export function currencyCode(value: unknown): string | null {
  return isCurrencyCode(value) ? value : null;
}

/** A page amount object `{ currency, value, formatedAmount }` → minor units of `currency`, or null. */
export function amount(value: unknown, currency: string): number | null {
  const o = obj(value);
  if (!o) return null;
  const own = currencyCode(o.currency);
  if (own !== null && own !== currency) return null;
  // The number beats the text; the formatted text ("€ 97,39") is read only when the number is missing.
  const minor =
    o.value === undefined || o.value === null
      ? (parseMoney(String(o.formatedAmount ?? ''), { currency })?.amount ?? null)
      : toMinor(o.value, currency);
  return minor !== null && minor > 0 ? minor : null;
}

/** AliExpress "local" price strings: "MXN$944,32|944|32" = display | integer part | fraction part. */
export function localAmount(value: unknown, currency: string): number | null {
  if (typeof value !== 'string') return null;
  const m = /\|(\d{1,15})\|(\d{0,4})\|?$/.exec(value);
  if (!m) return null;
  const minor = toMinor(m[2] ? `${m[1]}.${m[2]}` : (m[1] as string), currency);
  return minor !== null && minor > 0 ? minor : null;
}

/** A decimal-string field already in the display currency ("128.72"). */
export function decimalAmount(value: unknown, currency: string): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const minor = toMinor(value, currency);
  return minor !== null && minor > 0 ? minor : null;
}

export function firstOf<T>(...values: (T | null | undefined)[]): T | null {
  for (const v of values) if (v !== null && v !== undefined) return v;
  return null;
}

/** What one layer (a page generation's data, JSON-LD, the DOM) could read; absent fields are unknown. */
export interface Reading {
  /** Where it came from, e.g. "runParams.modules"; per-field refinements in `sources`. */
  source: string;
  kind?: 'product' | 'freight';
  productId?: string | null;
  title?: string | null;
  image?: string | null;
  url?: string | null;
  currency?: string | null;
  tradeCurrency?: string | null;
  region?: string | null;
  price?: PriceRange | null;
  originalPrice?: PriceRange | null;
  skus?: SkuPrice[];
  selectedSkuId?: string | null;
  shipping?: Shipping | null;
  store?: Store | null;
  rating?: Rating | null;
  lot?: Lot | null;
  flags?: ExtractFlag[];
  notFound?: boolean;
  sources?: Partial<Record<keyof ExtractResult, string>>;
}

export function range(min: number | null, max: number | null): PriceRange | null {
  if (min === null && max === null) return null;
  const lo = min ?? max;
  const hi = max ?? min;
  if (lo === null || hi === null || lo <= 0) return null;
  return lo <= hi ? { min: lo, max: hi } : { min: hi, max: lo };
}

export function rangeOf(values: (number | null)[]): PriceRange | null {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const v of values) {
    if (v === null || v <= 0) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max > 0 ? { min, max } : null;
}

/** Property id → name, and "propertyId:valueId" → the value's display name, from a SKU property list. */
export interface SkuProperties {
  names: Map<string, string>;
  values: Map<string, string>;
}

export function skuProperties(list: unknown): SkuProperties {
  const names = new Map<string, string>();
  const values = new Map<string, string>();
  for (const p of arr(list)) {
    const pid = str(at(p, 'skuPropertyId'));
    if (pid === null) continue;
    const name = str(at(p, 'skuPropertyName'));
    if (name) names.set(pid, name);
    for (const v of arr(at(p, 'skuPropertyValues'))) {
      const vid = str(at(v, 'propertyValueIdLong')) ?? str(at(v, 'propertyValueId'));
      const display = str(at(v, 'propertyValueDisplayName')) ?? str(at(v, 'propertyValueName'));
      if (vid !== null && display) values.set(`${pid}:${vid}`, display);
    }
  }
  return { names, values };
}

/** "14:350850#Gold;200000828:200003985" → "Color: Gold / Ships From: China". */
export function attributeText(skuAttr: unknown, props: SkuProperties): string {
  if (typeof skuAttr !== 'string') return '';
  const parts: string[] = [];
  for (const pair of skuAttr.split(';')) {
    const [ids, custom] = pair.split('#');
    const [pid, vid] = (ids ?? '').split(':');
    if (!pid || !vid) continue;
    const value = custom?.trim() || props.values.get(`${pid}:${vid}`) || vid;
    parts.push(`${props.names.get(pid) ?? pid}: ${value}`);
  }
  return parts.join(' / ');
}

/** "14:1#x;5:2" and "5:2;14:1" name the same SKU: compare ids only, in a fixed order. */
export function attrKey(skuAttr: unknown): string | null {
  if (typeof skuAttr !== 'string' || !skuAttr) return null;
  return skuAttr
    .split(';')
    .map((pair) => (pair.split('#')[0] ?? '').trim())
    .filter(Boolean)
    .sort()
    .join(';');
}

export function stockOf(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * One row of the `skuPriceList` shape shared by "modules" runParams, the dida variant and "components":
 * `{ skuIdStr, skuAttr, skuVal: { skuActivityAmount, skuAmount, availQuantity, ... } }`.
 */
export function skuFromPriceRow(row: unknown, currency: string, props: SkuProperties): SkuPrice | null {
  const skuId = str(at(row, 'skuIdStr')) ?? str(at(row, 'skuId'));
  if (skuId === null || !/^\d+$/.test(skuId)) return null;
  const val = obj(at(row, 'skuVal')) ?? {};
  const sale = firstOf(
    val.isActivity === false ? null : amount(val.skuActivityAmount, currency),
    val.isActivity === false ? null : localAmount(val.skuActivityAmountLocal, currency),
    val.isActivity === false ? null : decimalAmount(val.actSkuMultiCurrencyCalPrice, currency),
  );
  const list = firstOf(
    amount(val.skuAmount, currency),
    localAmount(val.skuAmountLocal, currency),
    decimalAmount(val.skuMultiCurrencyCalPrice, currency),
  );
  const price = sale ?? list;
  const stock = stockOf(val.availQuantity) ?? stockOf(val.inventory) ?? stockOf(at(row, 'skuStock'));
  const salable = at(row, 'salable');
  return {
    skuId,
    attributes: attributeText(at(row, 'skuAttr'), props),
    price,
    originalPrice: sale !== null && list !== null && list > sale ? list : null,
    stock,
    available: salable !== false && stock !== 0 && price !== null,
  };
}

export function selectedByAttr(skus: SkuPrice[], rows: unknown[], selectedAttr: unknown): string | null {
  const want = attrKey(selectedAttr);
  if (want === null) return null;
  for (const row of rows) {
    if (attrKey(at(row, 'skuAttr')) === want) {
      const id = str(at(row, 'skuIdStr')) ?? str(at(row, 'skuId'));
      if (id !== null && skus.some((s) => s.skuId === id)) return id;
    }
  }
  return null;
}

/** "93.6%" or "90.5" → 93.6 (percent, 0–100). */
export function percent(value: unknown): number | null {
  const text = /^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*$/.exec(String(value ?? ''))?.[1];
  const n = typeof value === 'number' ? value : Number(text ?? Number.NaN);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
}

export function rating(average: unknown, count: unknown): Rating | null {
  const avg = num(average);
  const n = num(count);
  const a = avg !== null && avg >= 0 && avg <= 5 ? avg : null;
  const c = n !== null && Number.isSafeInteger(n) && n >= 0 ? n : null;
  return a === null && c === null ? null : { average: a, count: c };
}

export function store(id: unknown, name: unknown, positiveRate: unknown): Store | null {
  const s = { id: str(id), name: str(name), positiveRate: percent(positiveRate) };
  return s.id === null && s.name === null ? null : s;
}

export function lot(isLot: unknown, perLot: unknown): Lot | null {
  const n = num(perLot);
  return isLot === true && n !== null && Number.isSafeInteger(n) && n > 1 ? { piecesPerLot: n } : null;
}

export interface PriceRows {
  /** e.g. "runParams.priceModule"; the price source adds ":activity", ":list" or ":skus". */
  source: string;
  rows: unknown[];
  props: unknown;
  selectedAttr: unknown;
  list: [unknown, unknown];
  /** The sale ("activity") min/max amounts, or null when the page says there is no sale. */
  sale: [unknown, unknown] | null;
  /** The page's total stock figure (0 = out of stock). */
  total: unknown;
  /** The page's price block, searched for a welcome-deal marker. */
  block: unknown;
}

/** The `skuPriceList` generations (modules, dida, components) price SKUs and the page the same way. */
export function pricePage(reading: Reading, currency: string, p: PriceRows): Reading {
  const props = skuProperties(p.props);
  const skus = p.rows
    .map((row) => skuFromPriceRow(row, currency, props))
    .filter((s): s is SkuPrice => s !== null);
  const list = range(amount(p.list[0], currency), amount(p.list[1], currency));
  const sale = p.sale && range(amount(p.sale[0], currency), amount(p.sale[1], currency));
  reading.skus = skus;
  reading.selectedSkuId = selectedByAttr(skus, p.rows, p.selectedAttr);
  reading.price = firstOf(sale, list, rangeOf(skus.map((s) => s.price)));
  reading.originalPrice = sale && list && list.max >= sale.max ? list : null;
  reading.sources = {
    price: `${p.source}:${sale ? 'activity' : list ? 'list' : 'skus'}`,
    originalPrice: `${p.source}:list`,
  };
  if (p.total === 0) reading.flags = [...(reading.flags ?? []), 'out-of-stock'];
  if (newUserPrice(p.block)) reading.flags = [...(reading.flags ?? []), 'new-user-price'];
  return reading;
}

const NEW_USER_KEY = /^(?:is)?(?:newUser|newcomer|welcome)(?:Deal|Price|Promotion|Activity)?$/i;
const NEW_USER_VALUE = /^(?:new_?user|newcomer|welcome)(?:_?(?:deal|price|promotion))?$/i;

/**
 * A welcome-deal price (only new customers pay it) must not pass for everyone's price. No public page shows
 * the marker, so this looks for the names AliExpress uses elsewhere (`newUser…`, `welcomeDeal`, a type field
 * valued "newUserPrice") inside a price block, never in i18n dictionaries (they always mention new users).
 */
export function newUserPrice(value: unknown, depth = 3): boolean {
  const o = obj(value);
  if (!o || depth < 0) return false;
  for (const [key, v] of Object.entries(o)) {
    if (/^i18n/i.test(key)) continue;
    if (NEW_USER_KEY.test(key) && v === true) return true;
    if (typeof v === 'string' && /type|tag|code$/i.test(key) && NEW_USER_VALUE.test(v)) return true;
    if (typeof v === 'object' && newUserPrice(v, depth - 1)) return true;
  }
  return false;
}
