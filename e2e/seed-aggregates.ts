import type { Worker } from '@playwright/test';
import { aggregatesOf } from '../extension/aggregates.ts';
import type { ObservationRow } from '../extension/db.ts';

/**
 * Test-only: seeds write reads straight into IndexedDB, past the extension's writers that keep the series
 * aggregates (extension/db.ts addObservations). This recomputes them from every stored read with the same pure
 * function, as the extension's own upgrade does, so the screens see what they would after real page reads.
 */
export async function syncAggregates(worker: Worker): Promise<void> {
  const reads = await worker.evaluate(
    () =>
      new Promise<ObservationRow[]>((resolve, reject) => {
        const open = indexedDB.open('companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('observations').objectStore('observations').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result as ObservationRow[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
  const rows = aggregatesOf(reads);
  await worker.evaluate(
    ({ summaries, points }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['seriesSummaries', 'seriesPoints'], 'readwrite');
          tx.objectStore('seriesSummaries').clear();
          tx.objectStore('seriesPoints').clear();
          for (const s of summaries) tx.objectStore('seriesSummaries').put(s);
          for (const p of points) tx.objectStore('seriesPoints').put(p);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}
