import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseCsv } from '../extension/ui/export-csv.ts';
import { expect, openPopup, readTable, test } from './fixtures.ts';
import { type SeedProduct, seedProducts, XSS_TITLE } from './seed.ts';

/** Issue 9: the dashboard (For you, History, Watchlist, Privacy centre) in the built extension. */

const artifacts = join(import.meta.dirname, 'artifacts');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function products(now: number): SeedProduct[] {
  return [
    {
      id: '1005001111111111',
      title: XSS_TITLE,
      currency: 'EUR',
      prices: [
        [now - 10 * DAY, 2000],
        [now - 2 * DAY, 1500],
      ],
      reads: [now - 10 * DAY, now - 10 * DAY + 5 * 60_000, now - 2 * DAY, now - 2 * DAY + 60_000],
    },
    {
      id: '1005002222222222',
      title: 'Plain USB cable',
      currency: 'EUR',
      prices: [[now - DAY, 999]],
      reads: [now - DAY],
    },
  ];
}

async function expectNoInjectedMarkup(page: Page): Promise<void> {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.title()).not.toBe('pwned');
}

test('For you ranks what was looked at, lists what got cheaper, and shows a hostile title as text', async ({
  context,
  serviceWorker,
  extensionId,
}, testInfo) => {
  await seedProducts(serviceWorker, products(Date.now()));
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#home`);

  const forYou = dash.getByTestId('for-you').getByTestId('seen-title');
  await expect(forYou).toHaveText([XSS_TITLE, 'Plain USB cable']);
  const cheaper = dash.getByTestId('got-cheaper').getByTestId('seen-item');
  await expect(cheaper).toHaveCount(1);
  await expect(cheaper).toContainText(XSS_TITLE);
  await expect(cheaper).toContainText('(−25%)');
  await expectNoInjectedMarkup(dash);

  mkdirSync(artifacts, { recursive: true });
  const shot = join(artifacts, 'dashboard-home.png');
  await dash.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('dashboard-home', { path: shot, contentType: 'image/png' });

  // History: every product, searchable.
  await dash.getByTestId('nav-history').click();
  await expect(dash.getByTestId('history-list').getByTestId('seen-item')).toHaveCount(2);
  await dash.getByTestId('history-search').fill('plain');
  await expect(dash.getByTestId('history-list').getByTestId('seen-title')).toHaveText(['Plain USB cable']);
  await dash.getByTestId('history-search').fill('1005001111111111');
  await expect(dash.getByTestId('history-list').getByTestId('seen-title')).toHaveText([XSS_TITLE]);
  await expectNoInjectedMarkup(dash);

  // The popup for that product renders the title as text too.
  const popup = await context.newPage();
  const url = `https://www.aliexpress.com/item/1005001111111111.html`;
  await popup.goto(`chrome-extension://${extensionId}/popup.html?url=${encodeURIComponent(url)}`);
  await expect(popup.getByTestId('product-title')).toHaveText(XSS_TITLE);
  await expectNoInjectedMarkup(popup);
});

test('watch from the popup; in the dashboard: filter, sort, delete and undo, bulk delete and undo', async ({
  context,
  serviceWorker,
  extensionId,
  visitProductPage,
}) => {
  const page = await visitProductPage();
  const [real] = await readTable<{ title: string }>(serviceWorker, 'products');
  await seedProducts(serviceWorker, products(Date.now()).slice(1));

  const popup = await openPopup(context, extensionId, page);
  await popup.getByTestId('watch-open').click();
  await popup.getByTestId('watch-target').fill('90.00');
  await popup.getByTestId('watch-submit').click();
  await expect(popup.getByTestId('watch-item')).toHaveCount(1);
  const cable = await context.newPage();
  const cableUrl = 'https://www.aliexpress.com/item/1005002222222222.html';
  await cable.goto(`chrome-extension://${extensionId}/popup.html?url=${encodeURIComponent(cableUrl)}`);
  await cable.getByTestId('watch-open').click();
  await cable.getByTestId('watch-submit').click();
  await expect(cable.getByTestId('watch-item')).toHaveCount(1);

  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#watchlist`);
  const rows = dash.getByTestId('watch-row');
  await expect(rows).toHaveCount(2);
  // Newest watch first; by title; by price (€9.99 before €97.39).
  await expect(rows.first()).toContainText('Plain USB cable');
  await dash.getByTestId('watch-sort').selectOption('title');
  const titles = [real!.title, 'Plain USB cable'].sort((a, b) =>
    a.localeCompare(b, 'en', { sensitivity: 'base' }),
  );
  await expect(rows.first()).toContainText(titles[0]!);
  await dash.getByTestId('watch-sort').selectOption('price');
  await expect(rows.first()).toContainText('Plain USB cable');
  await dash.getByTestId('watch-filter').fill('plain');
  await expect(rows).toHaveCount(1);
  await dash.getByTestId('watch-filter').fill('');

  // One: delete and undo.
  await rows.first().getByTestId('watch-delete').click();
  await expect(rows).toHaveCount(1);
  await expect.poll(async () => (await readTable(serviceWorker, 'watchlist')).length).toBe(1);
  await dash.getByTestId('watch-undo').click();
  await expect(rows).toHaveCount(2);

  // All: bulk delete and undo.
  await dash.getByTestId('watch-select-all').check();
  await dash.getByTestId('watch-delete-selected').click();
  await expect(rows).toHaveCount(0);
  expect(await readTable(serviceWorker, 'watchlist')).toHaveLength(0);
  await expect(dash.getByTestId('watch-undo-bar')).toContainText('Removed 2 watches.');
  await dash.getByTestId('watch-undo').click();
  await expect(rows).toHaveCount(2);
  expect(await readTable(serviceWorker, 'watchlist')).toHaveLength(2);

  // Watched products rank first in For you and say so.
  await dash.getByTestId('nav-home').click();
  await expect(dash.getByTestId('for-you').getByTestId('seen-item').first()).toContainText('watched');
});

test('privacy centre: audit log filters, JSON and CSV exports read back, delete everything local', async ({
  context,
  serviceWorker,
  extensionId,
}, testInfo) => {
  await seedProducts(serviceWorker, products(Date.now()));
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#privacy`);

  await expect(dash.getByTestId('audit-row')).toHaveCount(5);
  await dash.getByTestId('audit-search').fill('1005002222222222');
  await expect(dash.getByTestId('audit-row')).toHaveCount(1);
  await dash.getByTestId('audit-kind').selectOption('rejected');
  await expect(dash.getByTestId('audit-row')).toHaveCount(0);
  await dash.getByTestId('audit-kind').selectOption('');
  await dash.getByTestId('audit-search').fill('');
  await expect(dash.getByTestId('storage-used')).toContainText('%');

  const [json] = await Promise.all([dash.waitForEvent('download'), dash.getByTestId('export-json').click()]);
  expect(json.suggestedFilename()).toMatch(/^aliexpress-companion-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
    tables: Record<string, { id?: string | number; title?: string }[]>;
  };
  expect(exported.tables.products!.map((p) => p.title).sort()).toEqual([XSS_TITLE, 'Plain USB cable'].sort());
  expect(exported.tables.observations).toHaveLength(3);
  expect(exported.tables.auditEvents).toHaveLength(5);

  const [csv] = await Promise.all([dash.waitForEvent('download'), dash.getByTestId('export-csv').click()]);
  const rows = parseCsv(readFileSync((await csv.path())!, 'utf8'));
  const header = rows[0]!;
  const titleAt = header.indexOf('title');
  const productRows = rows.filter((r) => r[0] === 'products');
  expect(productRows.map((r) => r[titleAt]).sort()).toEqual([XSS_TITLE, 'Plain USB cable'].sort());
  expect(rows.filter((r) => r[0] === 'observations')).toHaveLength(3);

  mkdirSync(artifacts, { recursive: true });
  const shot = join(artifacts, 'dashboard-privacy.png');
  await dash.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('dashboard-privacy', { path: shot, contentType: 'image/png' });

  await dash.getByTestId('erase').click();
  await dash.getByTestId('erase-confirm').click();
  await expect(dash.getByTestId('privacy-status')).toContainText(/Deleted \d+ stored rows/);
  expect(await readTable(serviceWorker, 'products')).toEqual([]);
  expect(await readTable(serviceWorker, 'observations')).toEqual([]);
  await expect(dash.getByTestId('audit-row')).toHaveCount(0);
  await dash.getByTestId('nav-history').click();
  await expect(dash.getByText('0 products')).toBeVisible();
});

test('personalization: learned on this device, overridden by a choice, forgotten on reset', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  await seedProducts(serviceWorker, products(Date.now()));
  const dash = await context.newPage();
  await dash.setViewportSize({ width: 1280, height: 800 });
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html#home`);
  const html = dash.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'system');
  await expect(html).toHaveAttribute('data-layout', 'list');
  await expect(dash.locator('main#main h2').first()).toHaveText('Picked for you');

  // Six late-evening visits in a wide window, and products opened from "Cheaper since you looked".
  await dash.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(v: object): Promise<void> } } };
    };
    await chrome.storage.local.set({
      personalization: {
        sessions: Array.from({ length: 6 }, () => ({ hour: 22, width: 1280 })),
        listSizes: [2, 2, 2, 2, 2, 2],
        opens: { 'for-you': 0, cheaper: 3 },
        chosen: {},
      },
    });
  });
  await dash.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(html).toHaveAttribute('data-layout', 'grid');
  await expect(dash.locator('main#main h2').first()).toHaveText('Cheaper since you looked');

  await dash.getByTestId('nav-settings').click();
  await expect(dash.getByTestId('personal-learned')).toContainText(
    'dark theme, as you mostly visit at night',
  );
  await dash.getByTestId('pref-theme').selectOption('light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await dash.reload();
  await expect(html).toHaveAttribute('data-theme', 'light');

  await dash.getByTestId('personal-reset').click();
  await expect(html).toHaveAttribute('data-theme', 'system');
  await expect(html).toHaveAttribute('data-layout', 'list');
  await expect(dash.getByTestId('personal-learned')).toHaveText('Nothing learned yet.');
});
