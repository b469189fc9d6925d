/**
 * The one price-series shape the predictor reads: one price per UTC calendar day, in integer minor units,
 * `null` on a day the product could not be bought (delisted, out of stock).
 * Both the training data (price-change events) and the extension (daily rollups) are turned into it here,
 * so training and the browser see exactly the same series.
 */
import { DAY_MS, type DailyPoint, dayStartMs } from '../history.ts';

export interface DailySeries {
  /** UTC days since 1970-01-01 of `prices[0]`. */
  startDay: number;
  prices: (number | null)[];
}

/** A price change: from `day` on the price is `price` (null = not buyable) until the next event. */
export interface PriceEvent {
  day: number;
  price: number | null;
}

export function dayNumber(isoDay: string): number {
  const ms = dayStartMs(isoDay.slice(0, 10));
  if (Number.isNaN(ms)) throw new Error(`not a date: ${isoDay}`);
  return Math.round(ms / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Event-level → daily, from the first event through `endDay` (inclusive): a price holds until the next event.
 * Several events on one day: the last one listed for that day is the day's price (the closing price).
 */
export function eventsToDaily(events: readonly PriceEvent[], endDay: number): DailySeries {
  if (events.length === 0) return { startDay: endDay + 1, prices: [] };
  const sorted = events.map((e, i) => ({ ...e, i })).sort((a, b) => a.day - b.day || a.i - b.i);
  const startDay = sorted[0]!.day;
  const length = Math.max(0, endDay - startDay + 1);
  const prices: (number | null)[] = new Array(length);
  let k = 0;
  let current: number | null = null;
  for (let t = 0; t < length; t++) {
    while (k < sorted.length && sorted[k]!.day <= startDay + t) current = sorted[k++]!.price;
    prices[t] = current;
  }
  return { startDay, prices };
}

/**
 * The extension's daily rollups → a daily series ending on `asOfDay`. A day without a read takes the last
 * day's price, as `shared/history.ts` defines the typical price.
 */
export function dailyPointsToSeries(points: readonly DailyPoint[], asOfDay: string): DailySeries {
  return eventsToDaily(
    points.map((p) => ({ day: dayNumber(p.day), price: p.median })),
    dayNumber(asOfDay),
  );
}
