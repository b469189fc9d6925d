/// <reference lib="webworker" />
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { priceAlertText } from './push-text.ts';
import { isCacheableApiGet, isPredictorAsset, notificationFromPush, productPath } from './sw-logic.ts';
import { watchTitle } from './watch-title.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation (including /share?… launches and /p/… deep links) gets the precached shell: the app
// routes on the client, and this is also the offline fallback.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && isCacheableApiGet(request.method, url.pathname),
  new StaleWhileRevalidate({
    cacheName: 'api-v1',
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 14 * 24 * 3600, purgeOnQuotaError: true }),
    ],
  }),
);

// Hashed names never change content: once fetched they are served from the cache, online or not. Two of each
// kind are kept so an update's new files replace the old ones.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && isPredictorAsset(url.pathname),
  new CacheFirst({
    cacheName: 'predictor-v1',
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 4, purgeOnQuotaError: true }),
    ],
  }),
);

// The first install takes the open page at once (nothing to be inconsistent with). Updates never skip waiting
// on their own: the page asks after the user accepts "Update available" (see sw-bridge.ts).
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('push', (event) => {
  const note = notificationFromPush(event.data?.text() ?? null);
  event.waitUntil(
    (async () => {
      // Worded here, in the phone's language and with the watch's own title; the server's English is the fallback.
      const text =
        note.alert && note.productId
          ? priceAlertText(note.alert, note.productId, await watchTitle(note.productId), navigator.languages)
          : note;
      await self.registration.showNotification(text.title, {
        body: text.body,
        tag: note.tag,
        icon: '/icons/icon-192.png',
        badge: '/icons/icon-192.png',
        data: { productId: note.productId },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const productId = (event.notification.data as { productId?: string | null } | null)?.productId ?? null;
  const target = new URL(productPath(productId), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows[0];
      if (open) {
        // Navigate first: focus() is refused outside a trusted click, and the product must open either way.
        const client = (await open.navigate(target)) ?? open;
        await client.focus().catch(() => undefined);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
