/**
 * The on-device interest score behind the dashboard's "For you": pure, so it is tested without a browser and
 * the same signals always give the same order. Nothing here leaves the device.
 */

export interface InterestSignals {
  lastSeenAt: number;
  /** Page reads of the product (each load, variant switch or soft navigation). */
  views: number;
  /** Time spent on the product's pages, estimated from the spread of reads within one visit. */
  dwellMs: number;
  watched: boolean;
  /** The price when first seen and now, in the same currency (minor units); null when unknown. */
  firstPrice: number | null;
  lastPrice: number | null;
}

const DAY = 86_400_000;
/** Interest halves every two weeks without a visit. */
export const HALF_LIFE_DAYS = 14;
/** Reads closer together than this belong to one visit. */
export const VISIT_GAP_MS = 30 * 60_000;

export function interestScore(s: InterestSignals, now: number): number {
  const ageDays = Math.max(0, now - s.lastSeenAt) / DAY;
  const recency = 0.5 ** (ageDays / HALF_LIFE_DAYS);
  const engagement = 1 + Math.log1p(Math.max(0, s.views)) + 0.5 * Math.log1p(Math.max(0, s.dwellMs) / 60_000);
  const drop = priceDropPct(s) ?? 0;
  return recency * engagement + (s.watched ? 2 : 0) + Math.max(0, drop) / 10;
}

/** Percent the price fell since first seen (negative when it rose); null without both prices. */
export function priceDropPct(s: Pick<InterestSignals, 'firstPrice' | 'lastPrice'>): number | null {
  if (s.firstPrice === null || s.lastPrice === null || s.firstPrice <= 0) return null;
  return ((s.firstPrice - s.lastPrice) / s.firstPrice) * 100;
}

/** Highest score first; ties go to the more recently seen. */
export function rankByInterest<T extends InterestSignals>(items: readonly T[], now: number): T[] {
  return items
    .map((item) => ({ item, score: interestScore(item, now) }))
    .sort((a, b) => b.score - a.score || b.item.lastSeenAt - a.item.lastSeenAt)
    .map((x) => x.item);
}

/** Products seen that are cheaper now than when first seen, biggest drop first. */
export function gotCheaper<T extends InterestSignals>(items: readonly T[]): T[] {
  return items
    .filter((s) => (priceDropPct(s) ?? 0) > 0)
    .sort((a, b) => (priceDropPct(b) ?? 0) - (priceDropPct(a) ?? 0));
}

/** Reads of one product (any order) → time spent: the sum over visits of last read − first read. */
export function dwellFromReads(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let total = 0;
  let start = sorted[0];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]! - sorted[i - 1]! > VISIT_GAP_MS) {
      total += sorted[i - 1]! - start!;
      start = sorted[i];
    }
  }
  if (start !== undefined) total += sorted.at(-1)! - start;
  return total;
}
