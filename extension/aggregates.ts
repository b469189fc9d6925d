import type {
  AuditEventRow,
  ObservationRow,
  ProductReadsRow,
  SeriesPointsRow,
  SeriesSummaryRow,
} from './db.ts';

/**
 * Aggregates kept beside the raw reads so the first screens never walk the observations store: per series, its
 * (time, price) points packed in two arrays — one row, so the popup's 5,000-point chart is one `get` instead of
 * 5,000 structured-clone reads — and a summary (count, first, last, lowest, highest) the dashboard reads for every
 * product at once. The raw reads stay the source of truth and both aggregates are this pure function of them;
 * db.ts keeps them in step in the writer's transaction (`addObservations`, `rebuildAggregates`).
 */

type Read = Pick<
  ObservationRow,
  'series' | 'productId' | 'skuId' | 'currency' | 'region' | 'price' | 'observedAt'
>;

export function emptyPoints(read: Pick<Read, 'series' | 'productId'>): SeriesPointsRow {
  return { series: read.series, productId: read.productId, times: [], prices: [] };
}

/** A series' summary from its points (ascending by time); null when it has none. */
export function summaryOf(
  key: Omit<Read, 'price' | 'observedAt'>,
  points: SeriesPointsRow,
): SeriesSummaryRow | null {
  const n = points.times.length;
  if (n === 0) return null;
  let low = points.prices[0]!;
  let high = low;
  for (const p of points.prices) {
    if (p < low) low = p;
    if (p > high) high = p;
  }
  return {
    series: key.series,
    productId: key.productId,
    skuId: key.skuId,
    currency: key.currency,
    region: key.region,
    count: n,
    firstAt: points.times[0]!,
    firstPrice: points.prices[0]!,
    lastAt: points.times[n - 1]!,
    lastPrice: points.prices[n - 1]!,
    low,
    high,
  };
}

/** Inserts a read keeping time order; a read at an equal time goes after the ones already there (write order). */
export function insertPoint(points: SeriesPointsRow, read: Pick<Read, 'observedAt' | 'price'>): void {
  const { times, prices } = points;
  let at = times.length;
  // Reads arrive newest last almost always: the walk back usually stops at once.
  while (at > 0 && times[at - 1]! > read.observedAt) at--;
  times.splice(at, 0, read.observedAt);
  prices.splice(at, 0, read.price);
}

/** Folds reads (in write order) into both aggregates, one at a time: the upgrade streams a million through it. */
export function aggregator() {
  const bySeries = new Map<string, { key: Read; points: SeriesPointsRow }>();
  return {
    add(read: Read): void {
      let entry = bySeries.get(read.series);
      if (!entry) {
        entry = { key: read, points: emptyPoints(read) };
        bySeries.set(read.series, entry);
      }
      insertPoint(entry.points, read);
    },
    result(): { summaries: SeriesSummaryRow[]; points: SeriesPointsRow[] } {
      const summaries: SeriesSummaryRow[] = [];
      const points: SeriesPointsRow[] = [];
      for (const { key, points: p } of bySeries.values()) {
        summaries.push(summaryOf(key, p)!);
        points.push(p);
      }
      return { summaries, points };
    },
  };
}

/** Both aggregates of a set of reads, recomputed from scratch (reads in write order). */
export function aggregatesOf(reads: Iterable<Read>): {
  summaries: SeriesSummaryRow[];
  points: SeriesPointsRow[];
} {
  const acc = aggregator();
  for (const read of reads) acc.add(read);
  return acc.result();
}

/** Page-read times per product from the audit log's 'observed' events, ascending. */
export function readTimesOf(
  events: Iterable<Pick<AuditEventRow, 'kind' | 'productId' | 'at'>>,
): ProductReadsRow[] {
  const byProduct = new Map<string, number[]>();
  for (const e of events) {
    if (e.kind !== 'observed' || !e.productId) continue;
    const times = byProduct.get(e.productId) ?? [];
    times.push(e.at);
    byProduct.set(e.productId, times);
  }
  return [...byProduct].map(([productId, times]) => ({ productId, times: times.sort((a, b) => a - b) }));
}
