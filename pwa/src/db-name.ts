/** The app's IndexedDB database name, in a module of its own so the service worker imports it without Dexie. */
export const DB_NAME = 'companion-pwa';
