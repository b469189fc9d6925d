import { DB_NAME } from './db-name.ts';

/**
 * The title the watchlist keeps for a product, read by the service worker without Dexie (which it does not
 * bundle). null when there is no such watch, no title, or no database yet: opening never creates or upgrades the
 * database, so Dexie still creates it on the app's first start.
 */
export function watchTitle(productId: string, name = DB_NAME): Promise<string | null> {
  return new Promise((resolve) => {
    const open = indexedDB.open(name);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('watches')) {
        db.close();
        resolve(null);
        return;
      }
      const read = db.transaction('watches', 'readonly').objectStore('watches').get(productId);
      read.onsuccess = () => {
        const title = (read.result as { title?: unknown } | undefined)?.title;
        resolve(typeof title === 'string' && title ? title : null);
      };
      read.onerror = () => resolve(null);
      read.transaction!.oncomplete = () => db.close();
    };
  });
}
