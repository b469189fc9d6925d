/**
 * Turning alerts on hands the worker the subscription and the watchlist's targets. Headless Chromium cannot reach
 * a real push service here, so PushManager.subscribe is replaced by a stand-in that returns a subscription with
 * real P-256 keys on an FCM-style endpoint; everything after it (the VAPID key fetch, the worker's validation and
 * storage) is the real thing.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { expect, test } from './fixtures.ts';
import { PRODUCT } from './seed.ts';

test('alerts on: the worker gets the subscription with the targets; alerts off: it is removed', async ({
  context,
  page,
  servers,
}) => {
  await context.grantPermissions(['notifications'], { origin: servers.pwaUrl });
  const fake = {
    endpoint: `https://fcm.googleapis.com/fcm/send/e2e-${randomBytes(6).toString('hex')}`,
    p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
  await context.addInitScript((sub) => {
    let current: unknown = null;
    const w = window as unknown as { usedServerKey?: string };
    PushManager.prototype.getSubscription = async () => current as PushSubscription | null;
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
      w.usedServerKey = btoa(String.fromCharCode(...key))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
      current = {
        endpoint: sub.endpoint,
        toJSON: () => ({
          endpoint: sub.endpoint,
          expirationTime: null,
          keys: { p256dh: sub.p256dh, auth: sub.auth },
        }),
        unsubscribe: async () => {
          current = null;
          return true;
        },
      };
      return current as PushSubscription;
    };
  }, fake);

  await page.goto(`/p/${PRODUCT}`);
  await page.getByLabel(/Alert me at or below/).fill('15.00');
  await page.getByRole('button', { name: 'Watch' }).click();

  const registered = page.waitForResponse(
    (r) => r.url().endsWith('/v1/push/subscription') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Send me price alerts' }).click();
  const res = await registered;
  expect(res.status()).toBe(201);
  expect(await res.json()).toEqual({ watches: 1 });
  expect(res.request().postDataJSON()).toEqual({
    subscription: {
      endpoint: fake.endpoint,
      expirationTime: null,
      keys: { p256dh: fake.p256dh, auth: fake.auth },
    },
    watches: [{ productId: PRODUCT, currency: 'USD', region: null, target: '15.00' }],
  });
  await expect(page.getByRole('button', { name: 'Price alerts on' })).toHaveAttribute('aria-pressed', 'true');
  const { publicKey } = (await (await fetch(`${servers.apiUrl}/v1/push/key`)).json()) as {
    publicKey: string;
  };
  expect(await page.evaluate(() => (window as unknown as { usedServerKey?: string }).usedServerKey)).toBe(
    publicKey,
  );

  // A new target is sent to the worker without another tap.
  const updated = page.waitForResponse(
    (r) => r.url().endsWith('/v1/push/subscription') && r.request().method() === 'POST',
  );
  await page.getByLabel(/Alert me at or below/).fill('12.00');
  await page.getByRole('button', { name: 'Update' }).click();
  expect((await updated).request().postDataJSON().watches).toEqual([
    { productId: PRODUCT, currency: 'USD', region: null, target: '12.00' },
  ]);

  const removed = page.waitForResponse(
    (r) => r.url().endsWith('/v1/push/subscription') && r.request().method() === 'DELETE',
  );
  await page.getByRole('button', { name: 'Price alerts on' }).click();
  expect(await (await removed).json()).toEqual({ deleted: 1 });
  await expect(page.getByRole('button', { name: 'Send me price alerts' })).toBeVisible();
});
