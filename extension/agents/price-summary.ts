import { type PriceSummary, summarizeObservations } from '../../shared/history.ts';
import { type CompanionDb, seriesKeyOf } from '../db.ts';
import type { Agent } from './agent.ts';

/**
 * The verdict the popup shows ("Lowest in 90 days", typical price, "Discount inflated"), from the stored reads of
 * the product as a whole in its latest currency and ship-to region — flags and struck-through prices included,
 * which the chart's price points do not carry.
 */
export async function priceSummary(
  db: CompanionDb,
  productId: string,
  now: number,
): Promise<PriceSummary | null> {
  const rows = await db.observations
    .where('[productId+observedAt]')
    .between([productId, Number.NEGATIVE_INFINITY], [productId, Number.POSITIVE_INFINITY])
    .toArray();
  const latest = rows.findLast((r) => r.skuId === null);
  if (!latest) return null;
  const series = seriesKeyOf(latest);
  const reads = rows.filter((r) => r.series === series).map(({ id: _id, series: _s, ...o }) => o);
  return summarizeObservations(reads, { now });
}

export function priceSummaryAgent(db: CompanionDb, options: { now?: () => number } = {}): Agent {
  const now = options.now ?? Date.now;
  return {
    name: 'price-summary',
    handlers: {
      'price:summary': ({ productId }) => priceSummary(db, productId, now()),
    },
  };
}
