/**
 * The predictor's only feature function, used unchanged by training (scripts/predict) and by the browser
 * (infer.ts). It reads `series.prices[0..t]` and nothing after `t`: a feature that peeked at the future would
 * make every offline figure a lie (features.test.ts checks this property on random series).
 * Every feature is a ratio, a count or a day count, so cents, yen and euros look alike.
 */
import { ALIEXPRESS_CALENDAR, lastSaleEvent, nextSaleEvent, type SaleCalendar } from './calendar.ts';
import type { DailySeries } from './daily.ts';

export const FEATURE_NAMES = [
  'vsMedian7',
  'vsMedian30',
  'vsMedian90',
  'vsMin7',
  'vsMin30',
  'vsMin90',
  'vsMax7',
  'vsMax30',
  'vsMax90',
  'daysSinceChange',
  'daysSinceLow',
  'drops90',
  'meanDropDepth90',
  'volatility30',
  'lastChangeDirection',
  'dayOfWeekSin',
  'dayOfWeekCos',
  'daysToSaleEvent',
  'daysSinceSaleEvent',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Predictions need this many days of series (today included); fewer and the UI says "too little history". */
export const MIN_HISTORY_DAYS = 30;
/** A change of at least this fraction downwards counts as a drop. */
export const DROP_MIN_DEPTH = 0.02;
const LONG_WINDOW = 90;
const EVENT_CAP_DAYS = 60;
const UNCHANGED_CAP_DAYS = 30;

export function hasEnoughHistory(t: number): boolean {
  return t + 1 >= MIN_HISTORY_DAYS;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, min and max of the available prices of the `days` days ending with `t`. */
function windowStats(prices: readonly (number | null)[], t: number, days: number) {
  const values: number[] = [];
  for (let i = Math.max(0, t - days + 1); i <= t; i++) {
    const p = prices[i];
    if (p != null) values.push(p);
  }
  values.sort((a, b) => a - b);
  return { median: median(values), min: values[0]!, max: values.at(-1)! };
}

/**
 * Days to / since the store's next / last sale event. Each source is read with its own store's calendar
 * (calendar.ts: AliExpress in the browser and the CLI, Steam's seasonal sales for the Steam histories, none for
 * the groceries), but the trainer still holds these at 0: no fit or validation window before any cut-off
 * contains a store-wide sale (Steam's summer sale ended before its data starts; tried released: Steam's
 * held-out AUC fell from 0.847 to 0.837), so here they are only date stamps that let a model memorise dates.
 * They stay in the feature vector for a model trained on histories that span sales.
 */
export const CALENDAR_FEATURES: readonly FeatureName[] = ['daysToSaleEvent', 'daysSinceSaleEvent'];

/**
 * Features of day `t` (an index into `series.prices`, whose price must be known).
 * Windows are calendar days ending with `t`; a series younger than a window uses what it has.
 */
export function computeFeatures(
  series: DailySeries,
  t: number,
  calendar: SaleCalendar = ALIEXPRESS_CALENDAR,
): number[] {
  const { prices } = series;
  const price = prices[t];
  if (price == null || !(price > 0)) throw new Error(`no price on day index ${t}`);
  const s7 = windowStats(prices, t, 7);
  const s30 = windowStats(prices, t, 30);
  const s90 = windowStats(prices, t, LONG_WINDOW);

  const lo = Math.max(0, t - LONG_WINDOW + 1);
  let lastChange = -1;
  let lastChangeDirection = 0;
  let lastLow = t;
  let drops = 0;
  let dropDepthSum = 0;
  let previous: number | null = null;
  let returnsSum = 0;
  let returnsSq = 0;
  let returnsN = 0;
  for (let i = lo; i <= t; i++) {
    const p = prices[i];
    if (p == null) continue;
    if (p <= s90.min) lastLow = i;
    if (previous !== null && p !== previous) {
      lastChange = i;
      lastChangeDirection = p > previous ? 1 : -1;
      const depth = 1 - p / previous;
      if (depth >= DROP_MIN_DEPTH) {
        drops++;
        dropDepthSum += depth;
      }
    }
    if (previous !== null && i > t - 30) {
      const r = Math.log(p / previous);
      returnsSum += r;
      returnsSq += r * r;
      returnsN++;
    }
    previous = p;
  }
  const returnsMean = returnsN > 0 ? returnsSum / returnsN : 0;
  const volatility =
    returnsN > 0 ? Math.sqrt(Math.max(0, returnsSq / returnsN - returnsMean * returnsMean)) : 0;

  const day = series.startDay + t;
  const dayOfWeek = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const angle = (2 * Math.PI * dayOfWeek) / 7;

  return [
    price / s7.median - 1,
    price / s30.median - 1,
    price / s90.median - 1,
    price / s7.min - 1,
    price / s30.min - 1,
    price / s90.min - 1,
    price / s7.max - 1,
    price / s30.max - 1,
    price / s90.max - 1,
    // No change seen: the cap, not the series' age, which would tell the model the calendar date.
    Math.min(UNCHANGED_CAP_DAYS, lastChange >= 0 ? t - lastChange : UNCHANGED_CAP_DAYS),
    t - lastLow,
    drops,
    drops > 0 ? dropDepthSum / drops : 0,
    volatility,
    lastChangeDirection,
    Math.sin(angle),
    Math.cos(angle),
    Math.min(EVENT_CAP_DAYS, (nextSaleEvent(day, calendar)?.day ?? Number.POSITIVE_INFINITY) - day),
    Math.min(EVENT_CAP_DAYS, day - (lastSaleEvent(day, calendar)?.day ?? Number.NEGATIVE_INFINITY)),
  ];
}
