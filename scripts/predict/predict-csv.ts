/**
 * CSV of `product_id,date,price` (daily or event-level; a price holds until the product's next row; an empty
 * price = not buyable) → `product_id,date,p_drop` for every day with a price and at least 30 days of history.
 * Every product's series runs to the latest date in the file.
 */
import {
  type DailySeries,
  dayNumber,
  eventsToDaily,
  isoDay,
  type PriceEvent,
} from '../../shared/predict/daily.ts';
import { hasEnoughHistory } from '../../shared/predict/features.ts';
import type { PricePredictor } from '../../shared/predict/infer.ts';
import { parseCsvRecords, toCsv } from './csv.ts';

export function seriesFromCsv(text: string): Map<string, DailySeries> {
  const events = new Map<string, PriceEvent[]>();
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const [i, r] of parseCsvRecords(text, ['product_id', 'date', 'price']).entries()) {
    const day = dayNumber(r.date!.trim());
    const raw = r.price!.trim();
    const price = raw === '' ? null : Number(raw);
    if (price !== null && !(Number.isFinite(price) && price > 0)) {
      throw new Error(`row ${i + 2}: price "${raw}" is not a positive number`);
    }
    lastDay = Math.max(lastDay, day);
    const list = events.get(r.product_id!) ?? [];
    // Cents keep the series integer like everywhere else; the features are ratios, so the unit cancels out.
    list.push({ day, price: price === null ? null : Math.round(price * 100) });
    events.set(r.product_id!, list);
  }
  return new Map([...events].map(([id, list]) => [id, eventsToDaily(list, lastDay)]));
}

export async function predictCsv(text: string, predictor: PricePredictor): Promise<string> {
  const out: (string | number)[][] = [['product_id', 'date', 'p_drop']];
  for (const [id, series] of seriesFromCsv(text)) {
    const days = series.prices.flatMap((p, t) => (p != null && hasEnoughHistory(t) ? [t] : []));
    if (days.length === 0) continue;
    const p = await predictor.predictDays(series, days);
    days.forEach((t, k) => {
      out.push([id, isoDay(series.startDay + t), p[k]!.toFixed(6)]);
    });
  }
  return toCsv(out);
}
