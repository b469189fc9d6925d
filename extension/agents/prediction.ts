import type { Observation } from '../../shared/domain.ts';
import type { ExtractFlag } from '../../shared/extract/types.ts';
import { dailyRollup, utcDay } from '../../shared/history.ts';
import { type DailySeries, dailyPointsToSeries } from '../../shared/predict/daily.ts';
import { hasEnoughHistory, MIN_HISTORY_DAYS } from '../../shared/predict/features.ts';
import { type CompanionDb, readsOfProduct, seriesKeyOf } from '../db.ts';
import type { PredictionView } from '../messaging.ts';
import type { Agent } from './agent.ts';

/**
 * "Buy now or wait?" for the popup. The background only builds the daily series from stored reads; the model
 * runs elsewhere (`predict`): in the offscreen document on Chrome (a service worker cannot import() the
 * runtime), in the background itself on Firefox — see extension/entrypoints/background.ts.
 */

/** A new-user price is offered to new accounts only; an out-of-stock read is a price nobody could pay. */
const NOT_A_PRICE: readonly ExtractFlag[] = ['new-user-price', 'out-of-stock'];

/**
 * The product-level series (the cheapest variant) in the currency and ship-to region of its latest read — the
 * same series the price summary judges — as one price per UTC day up to `now`'s day, through the shared
 * `dailyRollup` → `dailyPointsToSeries` path the trainer's events also take. Null when nothing was read.
 */
export function predictionSeries(rows: readonly Observation[], now: number): DailySeries | null {
  const latest = rows.findLast((r) => r.skuId === null && r.observedAt <= now);
  if (!latest) return null;
  const series = seriesKeyOf(latest);
  const reads = rows.filter(
    (r) => seriesKeyOf(r) === series && r.observedAt <= now && !r.flags.some((f) => NOT_A_PRICE.includes(f)),
  );
  if (!reads.length) return null;
  return dailyPointsToSeries(dailyRollup(reads), utcDay(now));
}

export async function storedPredictionSeries(
  db: CompanionDb,
  productId: string,
  now: number,
): Promise<DailySeries | null> {
  const rows = await readsOfProduct(db, productId);
  return predictionSeries(rows, now);
}

export interface PredictionAgentOptions {
  /** Runs the model on a series (loads it on first use). */
  predict: (series: DailySeries) => Promise<PredictionView>;
  now?: () => number;
}

/**
 * The answer for one product: "too little history" straight from the stored reads (most products a shopper
 * looks at are new to the companion, so the model is not started for them), else the model's. Null: no reads.
 */
export async function productPrediction(
  db: CompanionDb,
  productId: string,
  predict: PredictionAgentOptions['predict'],
  now: number,
): Promise<PredictionView | null> {
  const series = await storedPredictionSeries(db, productId, now);
  if (!series) return null;
  const days = series.prices.length;
  if (!hasEnoughHistory(days - 1)) {
    return {
      prediction: {
        kind: 'too-little-history',
        historyDays: days,
        neededDays: MIN_HISTORY_DAYS,
        message: `Too little price history to predict: ${days} of ${MIN_HISTORY_DAYS} days seen.`,
      },
      heldOut: [],
      modelMs: null,
    };
  }
  return predict(series);
}

export function predictionAgent(db: CompanionDb, options: PredictionAgentOptions): Agent {
  const now = options.now ?? Date.now;
  return {
    name: 'prediction',
    handlers: {
      'price:prediction': ({ productId }) => productPrediction(db, productId, options.predict, now()),
    },
  };
}
