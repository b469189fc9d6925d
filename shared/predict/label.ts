/**
 * The question the model answers: will the price be at least `threshold` below today's within `horizon` days?
 * 1 = yes, 0 = no, null = not knowable (no price today, or the series ends before the horizon does).
 * Days without a price in the horizon cannot be bought on, so they never count as a drop.
 */
import type { DailySeries } from './daily.ts';

export const DEFAULT_HORIZON_DAYS = 14;
export const DEFAULT_DROP_THRESHOLD = 0.05;

export function dropLabel(
  series: DailySeries,
  t: number,
  horizon = DEFAULT_HORIZON_DAYS,
  threshold = DEFAULT_DROP_THRESHOLD,
): 0 | 1 | null {
  const { prices } = series;
  const price = prices[t];
  if (price == null || t + horizon >= prices.length) return null;
  let min = Number.POSITIVE_INFINITY;
  for (let i = t + 1; i <= t + horizon; i++) {
    const p = prices[i];
    if (p != null && p < min) min = p;
  }
  // The epsilon keeps an exact 5% drop a drop despite floating-point rounding of (1 - θ)·price.
  return min <= (1 - threshold) * price + 1e-9 * price ? 1 : 0;
}
