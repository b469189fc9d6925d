import { seriousViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { seedProducts } from './seed.ts';

/** Issue 9: axe-core on the extension's pages (no serious or critical violation) and keyboard use. */

test('popup, dashboard sections and options have no serious or critical axe violations', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  const now = Date.now();
  await seedProducts(serviceWorker, [
    {
      id: '1005003333333333',
      title: 'Desk lamp',
      currency: 'EUR',
      prices: [
        [now - 5 * 86_400_000, 2500],
        [now - 3_600_000, 1999],
      ],
      reads: [now - 3_600_000],
    },
  ]);
  const base = `chrome-extension://${extensionId}`;
  const page = await context.newPage();
  const product = encodeURIComponent('https://www.aliexpress.com/item/1005003333333333.html');
  const pages: [string, string, string][] = [
    ['popup (product)', `${base}/popup.html?url=${product}`, 'product-title'],
    [
      'popup (recent)',
      `${base}/popup.html?url=${encodeURIComponent('https://www.aliexpress.com/')}`,
      'recent',
    ],
    ['options', `${base}/options.html`, ''],
    ...['home', 'watchlist', 'deals', 'orders', 'history', 'settings', 'privacy'].map(
      (s): [string, string, string] => [`dashboard #${s}`, `${base}/dashboard.html#${s}`, `nav-${s}`],
    ),
  ];
  const found: Record<string, string[]> = {};
  for (const [name, url, ready] of pages) {
    await page.goto(url);
    if (ready) await expect(page.getByTestId(ready).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const violations = await seriousViolations(page);
    if (violations.length) found[name] = violations;
  }
  expect(found).toEqual({});
});

test('the dashboard works from the keyboard: skip link, tabs, visible focus', async ({
  context,
  extensionId,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(page.getByTestId('nav-home')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Tab');
  await expect(page.getByText('Skip to content')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-home')).toBeFocused();
  const outline = await page.getByTestId('nav-home').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nav-watchlist')).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('main#main')).toHaveAttribute('data-section', 'watchlist');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toHaveAttribute('data-section', 'privacy');
  await expect(page.getByTestId('export-json')).toBeVisible();
});
