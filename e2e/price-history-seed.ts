import type { Worker } from '@playwright/test';
import { syncAggregates } from './seed-aggregates.ts';

const DAY_MS = 86_400_000;

/**
 * Test-only: writes `prices.length` days of product-level reads into the extension's IndexedDB, from inside its
 * service worker — one a day, `prices[0]` `prices.length` days ago, the last one yesterday (today is the page's). Each row is a
 * copy of the product's latest real read (same series, currency, region), so the history belongs to the
 * product the page showed. Needs that read first: the database then exists at the extension's version.
 */
export async function seedDailyHistory(worker: Worker, productId: string, prices: number[]): Promise<void> {
  await worker.evaluate(
    ([id, seed, dayMs]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('observations', 'readwrite');
          const store = tx.objectStore('observations');
          const all = store.getAll();
          all.onsuccess = () => {
            const rows = all.result as { productId: string; skuId: string | null; observedAt: number }[];
            const latest = rows
              .filter((r) => r.productId === id && r.skuId === null)
              .sort((a, b) => a.observedAt - b.observedAt)
              .at(-1);
            if (!latest) {
              tx.abort();
              reject(new Error(`no product-level read of ${id} to copy`));
              return;
            }
            const { id: _rowId, ...template } = latest as typeof latest & { id?: number };
            const now = Date.now();
            seed.forEach((price, k) => {
              const observedAt = now - (seed.length - k) * dayMs;
              store.add({ ...template, price, originalPrice: null, observedAt, flags: [] });
            });
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [productId, prices, DAY_MS] as const,
  );
  await syncAggregates(worker);
}
