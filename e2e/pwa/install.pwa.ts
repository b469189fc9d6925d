import { expect, test, waitForController } from './fixtures.ts';
import { PRODUCT } from './seed.ts';

test('installable: the manifest parses, icons load and a service worker controls the page', async ({
  page,
  shot,
}) => {
  await page.goto('/');
  await waitForController(page);
  const cdp = await page.context().newCDPSession(page);
  const manifest = (await cdp.send('Page.getAppManifest')) as {
    url: string;
    errors: unknown[];
    data?: string;
  };
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  expect(manifest.errors).toEqual([]);
  const parsed = JSON.parse(manifest.data ?? '{}') as Record<string, unknown>;
  expect(parsed).toMatchObject({ display: 'standalone', start_url: '/', scope: '/' });
  const installability = (await cdp.send('Page.getInstallabilityErrors')) as {
    installabilityErrors: unknown[];
  };
  expect(installability.installabilityErrors).toEqual([]);
  for (const icon of ['/icons/icon-192.png', '/icons/icon-512.png', '/icons/maskable-512.png']) {
    const res = await page.request.get(icon);
    expect(res.headers()['content-type']).toBe('image/png');
  }
  await expect(page.getByRole('heading', { name: 'Is it a good price?' })).toBeVisible();
  await shot('home');
});

test('a share-target launch with an AliExpress link opens the product with its community history', async ({
  page,
  shot,
}) => {
  const shared = `Look what I found on AliExpress https://www.aliexpress.us/item/${BigInt(PRODUCT) + 2n ** 51n}.html?gatewayAdapt=glo2usa`;
  await page.goto(`/share?title=Cool%20thing&text=${encodeURIComponent(shared)}`);
  await expect(page).toHaveURL(new RegExp(`/p/${PRODUCT}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cool thing');
  const stats = page.getByTestId('stats');
  await expect(stats).toContainText('$14.99');
  await expect(page.getByText('All-time low')).toBeVisible();
  await expect(page.getByRole('img', { name: /Price history over 30 days/ })).toBeVisible();
  await shot('product-from-share');
  // Dark mode follows the system.
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(28, 25, 23)');
  await shot('product-dark');
});

test('the paste box refuses non-AliExpress links and opens product links', async ({ page }) => {
  await page.goto('/');
  const box = page.getByLabel('Product link');
  await box.fill('https://example.com/item/1005005424987520.html');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toHaveText('That link is not an AliExpress link.');
  await box.fill(`https://m.aliexpress.com/item/${PRODUCT}.html`);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${PRODUCT}$`));
});

test('a shared short link is resolved by the worker and opens the product', async ({ page }) => {
  // The worker's redirect-following is tested against a loopback stand-in (worker/src/routes/resolve.test.ts);
  // here its answer is stubbed so nothing leaves the machine.
  const asked: string[] = [];
  await page.route('**/v1/resolve?*', (route) => {
    asked.push(new URL(route.request().url()).searchParams.get('url') ?? '');
    return route.fulfill({
      json: { productId: PRODUCT, url: `https://www.aliexpress.com/item/${PRODUCT}.html`, hops: 2 },
    });
  });
  await page.goto(
    `/share?text=${encodeURIComponent('Smart LED Desk Lamp https://a.aliexpress.com/_mKq1aBc')}`,
  );
  await expect(page).toHaveURL(new RegExp(`/p/${PRODUCT}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Smart LED Desk Lamp');
  expect(asked).toEqual(['https://a.aliexpress.com/_mKq1aBc']);
});
