import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openPopup, readTable, type StoredObservation, test } from './fixtures.ts';
import { expectedCase, PAGES } from './pages.ts';
import { pdpResponseText, routePdp, type Transport, todayPage } from './today-page.ts';

/**
 * Issue 3, browser part: today's client-rendered page. The MAIN-world reader captures the pdp query the way
 * the live page delivers it, the observation is per SKU, and the page's own SKU switch records that SKU.
 */

const expected = expectedCase(PAGES.pdp);
const PRODUCT = expected.productId!;
const WHITE = '12000058476050807'; // selected at load: Rp343,297
const GREY = '12000058476050808'; // Rp344,721
const minor = (major: number) => Math.round(major * 100); // IDR has two minor digits (ISO 4217)

const artifacts = join(import.meta.dirname, 'artifacts');
const bySku = (rows: StoredObservation[]) => new Map(rows.map((o) => [o.skuId, o.price]));

for (const transport of ['jsonp', 'fetch', 'xhr', 'memory'] as Transport[]) {
  test(`pdp query captured via ${transport}: the selected SKU is stored exactly`, async ({
    context,
    serviceWorker,
    serve,
  }) => {
    const page = todayPage(transport);
    await serve([{ url: page.url, body: page.html }]);
    await routePdp(context, transport);
    const tab = await context.newPage();
    await tab.goto(page.url);

    await expect
      .poll(async () => (await readTable<StoredObservation>(serviceWorker, 'observations')).length)
      .toBe(2);
    const rows = await readTable<StoredObservation>(serviceWorker, 'observations');
    expect(rows.every((o) => o.productId === PRODUCT && o.currency === 'IDR' && o.region === 'ID')).toBe(
      true,
    );
    expect(bySku(rows)).toEqual(
      new Map([
        [null, minor(343297)],
        [WHITE, minor(343297)],
      ]),
    );
    const skus = await readTable<{ skuId: string }>(serviceWorker, 'skus');
    expect(skus.map((s) => s.skuId).sort()).toEqual([WHITE, GREY]);
  });
}

test("the page's own SKU switch records that SKU's price", async ({
  context,
  serviceWorker,
  serve,
  extensionId,
}) => {
  const page = todayPage('jsonp');
  await serve([{ url: page.url, body: page.html }]);
  await routePdp(context, 'jsonp');
  const tab = await context.newPage();
  await tab.goto(page.url);
  await expect
    .poll(async () => (await readTable<StoredObservation>(serviceWorker, 'observations')).length)
    .toBe(2);

  await tab.locator('[data-sku-col="14-691"]').click();
  await expect
    .poll(async () => bySku(await readTable<StoredObservation>(serviceWorker, 'observations')).get(GREY))
    .toBe(minor(344721));
  await expect(tab.locator('[data-sku-col="14-691"]')).toHaveClass(/sku-item--selected/);

  // Back to the first variant: same price within the hour, so no new row — but the visit is audited.
  await tab.locator('[data-sku-col="14-29"]').click();
  await expect
    .poll(async () =>
      (await readTable<{ detail: string }>(serviceWorker, 'auditEvents')).map((a) => a.detail),
    )
    .toContainEqual(expect.stringMatching(/^sku-switch: stored 0/));
  expect(await readTable(serviceWorker, 'observations')).toHaveLength(3);

  // The popup shows the product in the page's currency, formatted for the shopper's locale.
  const popup = await openPopup(context, extensionId, tab);
  await popup.setViewportSize({ width: 400, height: 600 });
  const locale = await popup.evaluate(() => navigator.language);
  const rupiah = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'IDR',
    minimumFractionDigits: 2,
  });
  await expect(popup.getByTestId('price-now')).toContainText(rupiah.format(343297));
  await expect(popup.getByTestId('product-title')).toContainText('Pelurus Rambut');
  mkdirSync(artifacts, { recursive: true });
  await popup.screenshot({ path: join(artifacts, 'popup-today-idr.png'), fullPage: true });
});

test('a soft navigation to another item reads the new item from its own pdp response', async ({
  context,
  serviceWorker,
  serve,
}) => {
  const OTHER = '1005012410104962';
  const otherText = pdpResponseText()
    .replaceAll(PRODUCT, OTHER)
    .replaceAll('Rp343,297', 'Rp299,000')
    .replaceAll('343297', '299000');
  const first = todayPage('jsonp');
  await serve([{ url: first.url, body: first.html }]);
  await routePdp(context, 'jsonp', (url) => (url.includes(OTHER) ? otherText : pdpResponseText()));
  const tab = await context.newPage();
  await tab.goto(first.url);
  await expect
    .poll(async () => (await readTable<StoredObservation>(serviceWorker, 'observations')).length)
    .toBe(2);

  await tab.evaluate(
    (id) => (window as unknown as { __e2eOpenItem(id: string): void }).__e2eOpenItem(id),
    OTHER,
  );
  await expect
    .poll(async () =>
      (await readTable<StoredObservation>(serviceWorker, 'observations'))
        .filter((o) => o.productId === OTHER)
        .map((o) => [o.skuId, o.price]),
    )
    .toEqual([
      [null, minor(299000)],
      [WHITE, minor(299000)],
    ]);
  const audit = await readTable<{ productId: string | null; detail: string }>(serviceWorker, 'auditEvents');
  expect(audit.filter((a) => a.productId === OTHER).map((a) => a.detail)).toContainEqual(
    expect.stringMatching(/^navigation: stored 2/),
  );
});
