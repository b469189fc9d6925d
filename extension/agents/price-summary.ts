import type { Observation } from '../../shared/domain.ts';
import { type PriceSummary, summarizeObservations } from '../../shared/history.ts';
import { type CompanionDb, type ObservationRow, readsOfProduct, seriesKeyOf } from '../db.ts';
import type { Agent } from './agent.ts';

/**
 * The verdict the popup shows ("Lowest in 90 days", typical price, "Discount inflated"), from the stored reads of
 * the product as a whole in its latest currency and ship-to region — flags and struck-through prices included,
 * which the chart's price points do not carry.
 */
/** A stored row as the pure history code takes it. */
export const stripRow = ({ id: _id, series: _s, ...o }: ObservationRow): Observation => o;

export async function priceSummary(
  db: CompanionDb,
  productId: string,
  now: number,
): Promise<PriceSummary | null> {
  const rows = await readsOfProduct(db, productId);
  const latest = rows.findLast((r) => r.skuId === null);
  if (!latest) return null;
  const series = seriesKeyOf(latest);
  const reads = rows.filter((r) => r.series === series).map(stripRow);
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
