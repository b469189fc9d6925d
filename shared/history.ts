/**
 * Price history judgements shared by the extension, the API and the PWA: lows, typical price, "lowest in N days",
 * and the discount verdict. Pure functions over integer minor units and epoch milliseconds (UTC).
 *
 * Definitions (they are what the UI promises, so they are spelled out):
 * - A day is a UTC calendar day (`YYYY-MM-DD`), the same grouping the API's daily rollups use, so a device and the
 *   server agree on which day a read belongs to whatever the shopper's time zone.
 * - The **daily price** is the MEDIAN of that day's reads. One device reads the same price many times a day, so
 *   min ≈ median there; in community rollups one misread (or forged) low read must not become the day's price.
 *   The day's minimum is still kept and drives every "lowest" figure, because a low that really was seen counts.
 * - The **typical price** is the median of the daily prices of the last 30 days (today included). A day without a
 *   read takes the daily price of the last day that had one (AliExpress prices hold until changed), so a price
 *   seen once and held for three weeks weighs three weeks, not one read. Days before the first read never count.
 * - "Lowest in the last N days" windows are N calendar days ending with the as-of day (inclusive).
 * - Reads flagged `new-user-price` are left out by default: that price is offered to new accounts only.
 */
import type { Observation, SeriesKey } from './domain.ts';
import type { ExtractFlag } from './extract/types.ts';

export const DAY_MS = 86_400_000;

/** One UTC day of reads of one series. Money in minor units. */
export interface DailyPoint {
  day: string;
  min: number;
  median: number;
  max: number;
  count: number;
}

/** The least a read needs to be rolled up. */
export interface PriceRead {
  price: number;
  observedAt: number;
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

export function addDays(day: string, n: number): string {
  return utcDay(dayStartMs(day) + n * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStartMs(to) - dayStartMs(from)) / DAY_MS);
}

/** Median of integer amounts, rounded half up so the result stays in whole minor units. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid]!;
  return Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function isValidPrice(price: number): boolean {
  return Number.isSafeInteger(price) && price > 0;
}

/** Group reads into UTC days (min / median / max / count), oldest day first. Invalid prices are skipped. */
export function dailyRollup(reads: readonly PriceRead[]): DailyPoint[] {
  const byDay = new Map<string, number[]>();
  for (const r of reads) {
    if (!isValidPrice(r.price) || !Number.isFinite(r.observedAt)) continue;
    const day = utcDay(r.observedAt);
    const prices = byDay.get(day);
    if (prices) prices.push(r.price);
    else byDay.set(day, [r.price]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, prices]) => ({
      day,
      min: Math.min(...prices),
      median: median(prices),
      max: Math.max(...prices),
      count: prices.length,
    }));
}

/** A stable string for a series, usable as a Map key or an IndexedDB index value. */
export function seriesKeyString(key: SeriesKey): string {
  return JSON.stringify([key.productId, key.skuId, key.currency, key.region]);
}

export function seriesKeyOf(o: Observation): SeriesKey {
  return { productId: o.productId, skuId: o.skuId, currency: o.currency, region: o.region };
}

export function groupBySeries(
  observations: readonly Observation[],
): Map<string, { key: SeriesKey; observations: Observation[] }> {
  const out = new Map<string, { key: SeriesKey; observations: Observation[] }>();
  for (const o of observations) {
    const k = seriesKeyString(o);
    const group = out.get(k);
    if (group) group.observations.push(o);
    else out.set(k, { key: seriesKeyOf(o), observations: [o] });
  }
  return out;
}

/** Price + shipping when shipping is known; otherwise the bare price (and `shippingKnown` says so). */
export function landedPrice(o: Pick<Observation, 'price' | 'shipping'>): {
  price: number;
  shippingKnown: boolean;
} {
  if (o.shipping == null) return { price: o.price, shippingKnown: false };
  return { price: o.price + o.shipping, shippingKnown: true };
}

// ---------------------------------------------------------------------------------------------------------------
// Discount verdict

export type DiscountVerdictKind =
  /** The page shows no struck-through price (or it is not above the price). */
  | 'none'
  /** Too little history to judge (fewer than `minCoverageDays`, or no reads before the sale began). */
  | 'insufficient-data'
  /** The struck-through price was never observed: the "discount" is computed from an invented price. */
  | 'inflated'
  /** The original price was seen, but the price is not below the lowest of the 30 days before the sale. */
  | 'not-a-discount'
  /** Below the lowest price of the 30 days before the sale (EU Omnibus Directive, Art. 6a). */
  | 'real';

export interface DiscountVerdict {
  kind: DiscountVerdictKind;
  /** What the page claims, in percent of its struck-through price. */
  claimedPct: number | null;
  /** The Omnibus reference: the lowest price seen in the 30 days before the current price run began. */
  reference: number | null;
  /** Drop versus `reference` in percent (negative when the price is higher). */
  realPct: number | null;
  /** The highest price ever seen in the series. */
  highestSeen: number | null;
  /** Days of history behind the verdict. */
  coverageDays: number;
}

export interface VerdictOptions {
  /** Days of history needed before anything but 'none' / 'insufficient-data' is said. Default 30. */
  minCoverageDays?: number;
  /**
   * Relative tolerance (0.02 = 2%) for price equality: display prices converted from the seller's currency move a
   * little every day, so an original price 1% above anything seen is still "seen". Default 0.02.
   */
  tolerance?: number;
}

function pct(from: number, to: number): number {
  return ((from - to) / from) * 100;
}

/**
 * Judge a struck-through price against observed history (days must be sorted, oldest first, and include the day of
 * the current read). The sale is taken to have begun on the first day of the trailing run of days whose lowest read
 * is at or below the current price; the reference is the lowest read in the 30 days before that day.
 */
export function discountVerdict(
  days: readonly DailyPoint[],
  current: { price: number; originalPrice: number | null; day: string },
  options: VerdictOptions = {},
): DiscountVerdict {
  const minCoverageDays = options.minCoverageDays ?? 30;
  const tol = options.tolerance ?? 0.02;
  const { price, originalPrice } = current;
  const first = days[0];
  const coverageDays = first ? daysBetween(first.day, current.day) + 1 : 0;
  const highestSeen = days.length ? Math.max(...days.map((d) => d.max)) : null;
  const base = { claimedPct: null, reference: null, realPct: null, highestSeen, coverageDays };
  if (originalPrice == null || originalPrice <= price) return { ...base, kind: 'none' };
  const claimedPct = pct(originalPrice, price);
  if (coverageDays < minCoverageDays) return { ...base, claimedPct, kind: 'insufficient-data' };

  let runStart = days.length;
  while (runStart > 0 && days[runStart - 1]!.min <= price * (1 + tol)) runStart--;
  const saleDay = runStart < days.length ? days[runStart]!.day : current.day;
  const windowStart = addDays(saleDay, -30);
  const prior = days.filter((d) => d.day >= windowStart && d.day < saleDay);
  const reference = prior.length ? Math.min(...prior.map((d) => d.min)) : null;
  const realPct = reference == null ? null : pct(reference, price);
  const out = { ...base, claimedPct, reference, realPct };

  if (highestSeen == null || highestSeen < originalPrice * (1 - tol)) return { ...out, kind: 'inflated' };
  // The price has been this low for as long as we have looked: nothing was reduced.
  if (runStart === 0) return { ...out, kind: 'not-a-discount' };
  if (reference == null) return { ...out, kind: 'insufficient-data' };
  return { ...out, kind: price < reference * (1 - tol) ? 'real' : 'not-a-discount' };
}

// ---------------------------------------------------------------------------------------------------------------
// Summary

/** Badge windows, in days, from the most to the least telling. */
export const BADGE_WINDOWS = [365, 180, 90, 60, 30, 14, 7] as const;

export interface CurrentRead {
  price: number;
  originalPrice: number | null;
  observedAt: number;
  /** Whether `price` includes shipping (only ever true with `landed`). */
  shippingKnown: boolean;
}

export interface PriceSummary {
  asOfDay: string;
  current: CurrentRead | null;
  lowestEver: number;
  highestEver: number;
  lowest30: number | null;
  lowest90: number | null;
  /** Median daily price over the last 30 days (see the module comment). */
  typical: number | null;
  /** Calendar days that went into `typical` (observed or carried forward). */
  typicalDays: number;
  /** (current − typical) / typical in percent; negative = cheaper than usual. */
  changeVsTypicalPct: number | null;
  /** "Lowest in N days": the widest badge window fully covered by history with nothing cheaper in it. */
  lowestInDays: number | null;
  /** Days since a strictly lower price was last seen; null when never (the current price is the lowest seen). */
  lowerPriceDaysAgo: number | null;
  isAllTimeLow: boolean;
  firstDay: string;
  lastDay: string;
  observedDays: number;
  verdict: DiscountVerdict;
}

export interface SummaryOptions extends VerdictOptions {
  /** The as-of time; defaults to the latest read. Windows end on this UTC day. */
  now?: number;
}

export interface ObservationSummaryOptions extends SummaryOptions {
  /** Judge price + shipping where the read knows shipping. */
  landed?: boolean;
  /** Reads carrying any of these flags are left out. Default: ['new-user-price']. */
  excludeFlags?: readonly ExtractFlag[];
}

/** Daily prices (medians) for each calendar day of [from, to], carried forward over days without reads. */
function dailyPricesCarried(days: readonly DailyPoint[], from: string, to: string): number[] {
  const out: number[] = [];
  let i = 0;
  let last: number | null = null;
  for (let day = from; day <= to; day = addDays(day, 1)) {
    while (i < days.length && days[i]!.day <= day) last = days[i++]!.median;
    if (last != null) out.push(last);
  }
  return out;
}

function lowestSince(days: readonly DailyPoint[], fromDay: string): number | null {
  let low: number | null = null;
  for (const d of days) if (d.day >= fromDay && (low == null || d.min < low)) low = d.min;
  return low;
}

/**
 * Summarise one series from its daily points (sorted or not). `current` is the read to judge; without it the
 * latest day's median stands in (that is what the API publishes as "current").
 */
export function summarizeDays(
  input: readonly DailyPoint[],
  current?: CurrentRead | null,
  options: SummaryOptions = {},
): PriceSummary | null {
  const days = [...input].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return null;
  const cur: CurrentRead =
    current ??
    ({
      price: last.median,
      originalPrice: null,
      observedAt: options.now ?? dayStartMs(last.day),
      shippingKnown: false,
    } satisfies CurrentRead);
  const asOfDay = utcDay(options.now ?? Math.max(cur.observedAt, dayStartMs(last.day)));
  const upTo = days.filter((d) => d.day <= asOfDay);
  if (!upTo.length) return null;

  const window30 = addDays(asOfDay, -29);
  const typicalPrices = dailyPricesCarried(upTo, [window30, first.day].sort()[1]!, asOfDay);
  const typical = typicalPrices.length ? median(typicalPrices) : null;

  const lowestEver = Math.min(...upTo.map((d) => d.min));
  const highestEver = Math.max(...upTo.map((d) => d.max));
  const coverage = daysBetween(first.day, asOfDay) + 1;
  let lowestInDays: number | null = null;
  for (const n of BADGE_WINDOWS) {
    const low = lowestSince(upTo, addDays(asOfDay, -(n - 1)));
    if (coverage >= n && low != null && cur.price <= low) {
      lowestInDays = n;
      break;
    }
  }
  let lowerPriceDaysAgo: number | null = null;
  for (let i = upTo.length - 1; i >= 0; i--) {
    if (upTo[i]!.min < cur.price) {
      lowerPriceDaysAgo = daysBetween(upTo[i]!.day, asOfDay);
      break;
    }
  }

  return {
    asOfDay,
    current: cur,
    lowestEver,
    highestEver,
    lowest30: lowestSince(upTo, window30),
    lowest90: lowestSince(upTo, addDays(asOfDay, -89)),
    typical,
    typicalDays: typicalPrices.length,
    changeVsTypicalPct: typical == null ? null : -pct(typical, cur.price),
    lowestInDays,
    lowerPriceDaysAgo,
    // One day of reads proves nothing about "ever".
    isAllTimeLow: upTo.length > 1 && cur.price <= lowestEver,
    firstDay: first.day,
    lastDay: upTo[upTo.length - 1]!.day,
    observedDays: upTo.length,
    verdict: discountVerdict(upTo, { ...cur, day: asOfDay }, options),
  };
}

/**
 * Summarise one series from raw observations (the caller passes one series; see `groupBySeries`). The current read
 * is the latest eligible one at or before `now`.
 */
export function summarizeObservations(
  observations: readonly Observation[],
  options: ObservationSummaryOptions = {},
): PriceSummary | null {
  const exclude = options.excludeFlags ?? ['new-user-price'];
  const reads = observations
    .filter((o) => isValidPrice(o.price) && !o.flags.some((f) => exclude.includes(f)))
    .filter((o) => options.now == null || o.observedAt <= options.now)
    .map((o) => {
      const shipping = options.landed && o.shipping != null ? o.shipping : null;
      return {
        price: o.price + (shipping ?? 0),
        // The struck-through price is an item price: compare like with like by adding the same shipping.
        originalPrice: o.originalPrice == null ? null : o.originalPrice + (shipping ?? 0),
        observedAt: o.observedAt,
        shippingKnown: shipping != null,
      };
    });
  if (!reads.length) return null;
  let latest = reads[0]!;
  for (const r of reads) if (r.observedAt >= latest.observedAt) latest = r;
  return summarizeDays(dailyRollup(reads), latest, options);
}
