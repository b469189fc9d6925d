import type { Worker } from '@playwright/test';
import { aggregatesOf, readTimesOf } from '../extension/aggregates.ts';
import type { AuditEventRow, ObservationRow } from '../extension/db.ts';

/**
 * Test-only: seeds write reads and audit events straight into IndexedDB, past the extension's writers that keep
 * the aggregates beside them (extension/db.ts addObservations, recordRead). This recomputes them from every stored
 * read and event with the same pure functions the extension's upgrade uses, so the screens see what they would
 * after real page reads.
 */
export async function syncAggregates(worker: Worker): Promise<void> {
  const { reads, events } = await worker.evaluate(
    () =>
      new Promise<{ reads: ObservationRow[]; events: AuditEventRow[] }>((resolve, reject) => {
        const open = indexedDB.open('companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['observations', 'auditEvents']);
          const reads = tx.objectStore('observations').getAll();
          const events = tx.objectStore('auditEvents').getAll();
          tx.oncomplete = () => {
            open.result.close();
            resolve({ reads: reads.result, events: events.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  const rows = { ...aggregatesOf(reads), productReads: readTimesOf(events) };
  await worker.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['seriesSummaries', 'seriesPoints', 'productReads'], 'readwrite');
          for (const [table, list] of [
            ['seriesSummaries', rows.summaries],
            ['seriesPoints', rows.points],
            ['productReads', rows.productReads],
          ] as const) {
            const store = tx.objectStore(table);
            store.clear();
            for (const row of list) store.put(row);
          }
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
