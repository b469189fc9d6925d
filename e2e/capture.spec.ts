import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openPopup, readTable, type StoredObservation, test } from './fixtures.ts';
import { expectedCase, fixtureText, PAGES } from './pages.ts';

/** Issue 2: the capture loop on real saved pages, in the real built extension. */

interface AuditRow {
  kind: string;
  status: string | null;
  productId: string | null;
  detail: string;
}

const artifacts = join(import.meta.dirname, 'artifacts');

test('a runParams product page is stored and the popup shows title, price and chart', async ({
  context,
  serviceWorker,
  extensionId,
  serve,
}, testInfo) => {
  const expected = expectedCase(PAGES.runParamsEur);
  const url = expected.url!;
  await serve([{ url, body: fixtureText(PAGES.runParamsEur) }]);
  const page = await context.newPage();
  await page.goto(url);

  await expect
    .poll(async () => (await readTable<StoredObservation>(serviceWorker, 'observations')).length)
    .toBeGreaterThan(0);
  const observations = await readTable<StoredObservation>(serviceWorker, 'observations');
  const whole = observations.find((o) => o.skuId === null)!;
  expect(whole).toMatchObject({ productId: expected.productId, currency: 'EUR', price: 9739 });
  const [product] = await readTable<{ id: string; title: string }>(serviceWorker, 'products');
  expect(product?.id).toBe(expected.productId);

  const popup = await openPopup(context, extensionId, page);
  await popup.setViewportSize({ width: 400, height: 600 });
  await expect(popup.getByTestId('product-title')).toHaveText(product!.title);
  const locale = await popup.evaluate(() => navigator.language);
  const now = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(97.39);
  await expect(popup.getByTestId('price-now')).toContainText(now);
  await expect(popup.getByTestId('price-lowest')).toContainText(now);
  await expect(popup.locator('[data-testid="price-chart"] canvas')).toBeVisible();

  // Elsewhere (not a product page the companion knows), the popup lists what was seen recently.
  const elsewhere = await context.newPage();
  await elsewhere.goto(
    `chrome-extension://${extensionId}/popup.html?url=${encodeURIComponent('https://www.aliexpress.com/')}`,
  );
  await expect(elsewhere.getByTestId('recent')).toContainText(product!.title);
  await expect(elsewhere.getByTestId('recent')).toContainText(now);

  mkdirSync(artifacts, { recursive: true });
  const shot = join(artifacts, 'popup-runparams-eur.png');
  await popup.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('popup', { path: shot, contentType: 'image/png' });
});

test('an aliexpress.us page is stored under the global product id', async ({
  context,
  serviceWorker,
  serve,
}) => {
  const expected = expectedCase(PAGES.runParamsUs);
  await serve([{ url: expected.url!, body: fixtureText(PAGES.runParamsUs) }]);
  const page = await context.newPage();
  await page.goto(expected.url!);
  await expect
    .poll(async () =>
      (await readTable<StoredObservation>(serviceWorker, 'observations')).map((o) => o.productId),
    )
    .toContain(expected.productId);
  const whole = (await readTable<StoredObservation>(serviceWorker, 'observations')).find(
    (o) => o.skuId === null,
  );
  expect(whole).toMatchObject({ currency: 'USD', price: 173 });
});

test('the captcha page stores nothing and the audit log says why', async ({
  context,
  serviceWorker,
  serve,
}) => {
  const url = 'https://www.aliexpress.com/item/1005006180026951.html';
  await serve([{ url, body: fixtureText(PAGES.captcha) }]);
  const page = await context.newPage();
  await page.goto(url);

  // The audit event proves the content script ran: "nothing stored" alone could mean "nothing happened".
  await expect
    .poll(async () => (await readTable<AuditRow>(serviceWorker, 'auditEvents')).length)
    .toBeGreaterThan(0);
  const audit = await readTable<AuditRow>(serviceWorker, 'auditEvents');
  expect(audit.every((a) => a.kind === 'not-stored' && a.status === 'blocked')).toBe(true);
  expect(await readTable(serviceWorker, 'observations')).toEqual([]);
  expect(await readTable(serviceWorker, 'products')).toEqual([]);
});

test('visiting the same page twice stores one observation per series', async ({
  context,
  serviceWorker,
  serve,
}) => {
  const expected = expectedCase(PAGES.runParamsEur);
  await serve([{ url: expected.url!, body: fixtureText(PAGES.runParamsEur) }]);
  const page = await context.newPage();
  await page.goto(expected.url!);
  await expect.poll(async () => (await readTable<AuditRow>(serviceWorker, 'auditEvents')).length).toBe(1);
  const first = await readTable<StoredObservation>(serviceWorker, 'observations');

  await page.reload();
  await expect.poll(async () => (await readTable<AuditRow>(serviceWorker, 'auditEvents')).length).toBe(2);
  const second = await readTable<StoredObservation>(serviceWorker, 'observations');
  expect(second).toEqual(first);
  expect(second.filter((o) => o.skuId === null)).toHaveLength(1);
  const audit = await readTable<AuditRow>(serviceWorker, 'auditEvents');
  expect(audit[1]?.detail).toMatch(/stored 0, unchanged within the hour [1-9]/);
});
