import type { Worker } from '@playwright/test';
import { syncAggregates } from './seed-aggregates.ts';

/** A product with a price history, written straight into the extension's IndexedDB (from its service worker). */
export interface SeedProduct {
  id: string;
  title: string;
  currency: string;
  /** [epoch ms, minor units], oldest first. */
  prices: [number, number][];
  /** Page reads to record in the audit log (the interest score's views and dwell). */
  reads: number[];
}

export async function seedProducts(worker: Worker, products: SeedProduct[]): Promise<void> {
  await worker.evaluate(
    (list) =>
      new Promise<void>((resolve, reject) => {
        // The background has opened (and so created) the database; never create or upgrade it from here.
        const open = indexedDB.open('companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['products', 'observations', 'auditEvents'], 'readwrite');
          for (const p of list) {
            const first = p.prices[0]![0];
            const last = p.prices.at(-1)![0];
            tx.objectStore('products').put({
              id: p.id,
              title: p.title,
              image: null,
              url: `https://www.aliexpress.com/item/${p.id}.html`,
              currency: p.currency,
              store: null,
              rating: null,
              firstSeenAt: first,
              lastSeenAt: last,
            });
            for (const [observedAt, price] of p.prices) {
              tx.objectStore('observations').add({
                productId: p.id,
                skuId: null,
                currency: p.currency,
                region: null,
                price,
                originalPrice: null,
                shipping: null,
                observedAt,
                flags: [],
                series: `${p.id}|*|${p.currency}|*`,
              });
            }
            for (const at of p.reads) {
              tx.objectStore('auditEvents').add({
                at,
                kind: 'observed',
                productId: p.id,
                url: `https://www.aliexpress.com/item/${p.id}.html`,
                status: 'ok',
                detail: 'load: stored 1, unchanged within the hour 0',
                // What the caching agent writes beside it (db.ts AuditMessage): the Privacy centre words it.
                message: { key: 'observed', vars: { trigger: 'load', stored: 1, deduped: 0 } },
                fingerprint: null,
                sources: null,
              });
            }
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    products,
  );
  await syncAggregates(worker);
}

/** Hostile markup as a product title: it must show up as these characters, never as an element. */
export const XSS_TITLE = '<img src=x onerror="document.title=\'pwned\';window.__xss=1">Hacked cable';
