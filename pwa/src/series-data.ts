import type { HistoryResponse, SummaryResponse } from '../../shared/api.ts';
import { fetchHistory, fetchSummary, type SeriesQuery } from './api-client.ts';
import { type SeenRow, seenKey } from './db.ts';
import { db } from './store.ts';

export interface SeriesData {
  summary: SummaryResponse | null;
  history: HistoryResponse | null;
  fetchedAt: number;
  /** True when the network failed and this is the last saved answer. */
  stale: boolean;
}

/** Fresh from the API when possible, else the last answer saved on the device; null when neither exists. */
export async function loadSeries(productId: string, q: SeriesQuery): Promise<SeriesData | null> {
  const key = seenKey(productId, q.currency, q.region);
  try {
    const [summary, history] = await Promise.all([fetchSummary(productId, q), fetchHistory(productId, q)]);
    const row: SeenRow = { key, productId, summary, history, fetchedAt: Date.now() };
    await db.seen.put(row);
    return { summary, history, fetchedAt: row.fetchedAt, stale: false };
  } catch (error) {
    const saved = await db.seen.get(key);
    if (saved)
      return { summary: saved.summary, history: saved.history, fetchedAt: saved.fetchedAt, stale: true };
    throw error;
  }
}

/** Refresh the summaries behind the watchlist's verdicts; failures keep what was saved. */
export async function refreshSummaries(
  watches: ReadonlyArray<{ productId: string } & SeriesQuery>,
): Promise<void> {
  await Promise.all(
    watches.map(async (w) => {
      const key = seenKey(w.productId, w.currency, w.region);
      try {
        const summary = await fetchSummary(w.productId, w);
        const saved = await db.seen.get(key);
        await db.seen.put({
          key,
          productId: w.productId,
          summary,
          history: saved?.history ?? null,
          fetchedAt: Date.now(),
        });
      } catch {
        // Offline or the API is down: the saved verdict stays on screen.
      }
    }),
  );
}
