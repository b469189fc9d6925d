/**
 * Money, not just ranking: a shopper who wants the product on day t follows a policy each day until it says
 * "buy" or the horizon ends (then buys whatever the price is). A rise while waiting is a loss. Savings are
 * relative to buying on day t, so a €2 yoghurt and a €40 game weigh the same.
 */
import { FEATURE_COUNT, FEATURE_NAMES } from '../../shared/predict/features.ts';
import type { Product } from './datasets.ts';
import type { Rows } from './rows.ts';

/** Given a feature row index (the shopper's day), true = buy now. */
export type Policy = (row: number) => boolean;

export interface Outcome {
  savings: Float64Array;
  daysWaited: Int32Array;
}

export function simulate(
  rows: Rows,
  products: readonly Product[],
  intents: readonly number[],
  policy: Policy,
  horizon: number,
): Outcome {
  const savings = new Float64Array(intents.length);
  const daysWaited = new Int32Array(intents.length);
  intents.forEach((row, k) => {
    const prices = products[rows.product[row]!]!.series.prices;
    const rowOf = rows.rowOf[rows.product[row]!]!;
    const t0 = rows.t[row]!;
    const start = prices[t0]!;
    let paid = start;
    let waited = 0;
    for (let d = 0; d <= horizon; d++) {
      const price = prices[t0 + d];
      if (price == null) continue;
      paid = price;
      waited = d;
      const r = rowOf[t0 + d]!;
      if (d === horizon || r < 0 || policy(r)) break;
    }
    savings[k] = (start - paid) / start;
    daysWaited[k] = waited;
  });
  return { savings, daysWaited };
}

/** The best any policy could do: buy at the lowest price within the horizon. */
export function perfectForesight(
  rows: Rows,
  products: readonly Product[],
  intents: readonly number[],
  horizon: number,
): Outcome {
  const savings = new Float64Array(intents.length);
  const daysWaited = new Int32Array(intents.length);
  intents.forEach((row, k) => {
    const prices = products[rows.product[row]!]!.series.prices;
    const t0 = rows.t[row]!;
    let best = prices[t0]!;
    let when = 0;
    for (let d = 1; d <= horizon; d++) {
      const p = prices[t0 + d];
      if (p != null && p < best) {
        best = p;
        when = d;
      }
    }
    savings[k] = (prices[t0]! - best) / prices[t0]!;
    daysWaited[k] = when;
  });
  return { savings, daysWaited };
}

export function feature(rows: Rows, row: number, name: (typeof FEATURE_NAMES)[number]): number {
  return rows.x[row * FEATURE_COUNT + FEATURE_NAMES.indexOf(name)]!;
}

export const buyNow: Policy = () => true;
export const alwaysWait: Policy = () => false;
export const buyAt30DayMin =
  (rows: Rows): Policy =>
  (row) =>
    feature(rows, row, 'vsMin30') <= 0;
export const waitIfAboveMedian =
  (rows: Rows, x: number): Policy =>
  (row) =>
    feature(rows, row, 'vsMedian90') <= x;
export const modelPolicy =
  (probabilities: ArrayLike<number>, tau: number): Policy =>
  (row) =>
    probabilities[row]! < tau;

export interface MoneySummary {
  meanSavings: number;
  captured: number;
  loseOver5: number;
  meanDaysWaited: number;
}

export function summarize(outcome: Outcome, foresight: Outcome): MoneySummary {
  const n = outcome.savings.length;
  let s = 0;
  let pf = 0;
  let lose = 0;
  let days = 0;
  for (let i = 0; i < n; i++) {
    s += outcome.savings[i]!;
    pf += foresight.savings[i]!;
    if (outcome.savings[i]! < -0.05) lose++;
    days += outcome.daysWaited[i]!;
  }
  return { meanSavings: s / n, captured: pf > 0 ? s / pf : 0, loseOver5: lose / n, meanDaysWaited: days / n };
}
