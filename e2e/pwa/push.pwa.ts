import { expect, test, waitForController } from './fixtures.ts';
import { PRODUCT } from './seed.ts';

test('a push message delivered to the service worker shows a notification for the product', async ({
  page,
  servers,
}) => {
  await page.goto('/');
  await waitForController(page);
  await page.waitForFunction(() => Notification.permission === 'granted');
  const cdp = await page.context().newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find(
        (r: { scopeURL: string; isDeleted: boolean }) =>
          r.scopeURL.startsWith(servers.pwaUrl) && !r.isDeleted,
      );
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(servers.pwaUrl).origin,
    registrationId: await registrationId,
    data: JSON.stringify({
      title: 'Price alert: $14.99',
      body: 'At or below your target of $15.00',
      productId: PRODUCT,
    }),
  });
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return (
          (await reg?.getNotifications())?.map((n) => ({
            title: n.title,
            body: n.body,
            tag: n.tag,
            data: n.data,
          })) ?? []
        );
      }),
    )
    .toEqual([
      {
        title: 'Price alert: $14.99',
        body: 'At or below your target of $15.00',
        tag: `product-${PRODUCT}`,
        data: { productId: PRODUCT },
      },
    ]);
});
