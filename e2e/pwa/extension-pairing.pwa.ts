/**
 * The real pair: the BUILT extension (.output/chrome-mv3, in its own Chromium profile) and the BUILT PWA (pwa/dist,
 * in a phone-sized profile) pair through the real local API (PGlite) and sync a watch each way. Nothing plays
 * either side: the extension shows the code on its options page, the phone types it, and each side adds its
 * watch through its own UI; neither presses "Sync now" (the extension syncs after a watch change and when its
 * options page opens, the phone when the app opens). Every condition travels (target, all-time low, back in
 * stock, % below typical, a variant). Needs both builds (`npm run build` and `npm run build:pwa`; `npm test` makes both
 * before the PWA suite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { launchWithExtension } from '../browsers.ts';
import { openPopup, readTable } from '../fixtures.ts';
import { expectedCase, fixtureText, PAGES } from '../pages.ts';
import { artifacts, expect, test } from './fixtures.ts';
import { UNSEEN_PRODUCT } from './seed.ts';

const EXT_CASE = expectedCase(PAGES.runParamsEur);
const EXT_URL = EXT_CASE.url!;
const EXT_PRODUCT = EXT_CASE.productId!;
const SKU = EXT_CASE.sampleSku!.skuId;

interface ExtensionSide {
  context: BrowserContext;
  worker: Worker;
  id: string;
  close(): Promise<void>;
}

/** The extension in its own profile: the web is blocked except the local API and the one product page. */
async function launchExtension(apiUrl: string): Promise<ExtensionSide> {
  const profile = mkdtempSync(join(tmpdir(), 'pair-ext-profile-'));
  const context = await launchWithExtension(profile);
  // Later routes win in Playwright: first block the web, then let the API and the served page through.
  await context.route(
    (url) => url.protocol === 'http:' || url.protocol === 'https:',
    (route) => route.abort('blockedbyclient'),
  );
  const apiHost = new URL(apiUrl).host;
  await context.route(
    (url) => url.host === apiHost,
    (route) => route.continue(),
  );
  const bare = EXT_URL.split('?')[0]!;
  await context.route(
    (url) => `${url.origin}${url.pathname}` === bare,
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: fixtureText(PAGES.runParamsEur),
      }),
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    id: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A message to the background, as the extension's own pages send it. */
async function ask(page: Page, type: string, payload: unknown): Promise<unknown> {
  const reply = (await page.evaluate(
    ([t, p]) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: t, payload: p }),
    [type, payload] as const,
  )) as { ok: boolean; data?: unknown; error?: string };
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

async function extensionShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

test('the built extension and the built PWA pair and sync a watch both ways', async ({
  page,
  servers,
  shot,
}) => {
  const ext = await launchExtension(servers.apiUrl);
  try {
    // Extension: point it at the local API (Settings → Community service address), then pair.
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.id}/options.html`);
    await options.getByText('Community service address').click();
    await options.getByTestId('sharing-api-base').fill(servers.apiUrl);
    await options.getByTestId('sharing-api-save').click();
    await expect(options.getByTestId('sharing')).toHaveAttribute('data-api-base', servers.apiUrl);
    await options.getByRole('button', { name: 'Pair with your phone' }).click();
    await expect(options.getByTestId('pair-sync-status')).toContainText('Watchlist synced');
    const code = (await options.getByTestId('pair-code').textContent())!.trim();

    // Phone: type the code the extension shows.
    await page.goto('/pair');
    await page.getByLabel('Pairing code').fill(code);
    await page.getByRole('button', { name: 'Pair' }).click();
    await expect(page.getByTestId('pair-status')).toContainText('Watchlist synced');

    // Extension → phone: watch a product from the popup on its product page.
    const product = await ext.context.newPage();
    await product.goto(EXT_URL);
    await expect.poll(async () => (await readTable(ext.worker, 'observations')).length).toBeGreaterThan(0);
    const popup = await openPopup(ext.context, ext.id, product);
    await popup.getByTestId('watch-open').click();
    await popup.getByTestId('watch-target').fill('90.00');
    await popup.getByTestId('watch-atl').check();
    await popup.getByTestId('watch-stock').check();
    await popup.getByTestId('watch-submit').click();
    await expect(popup.getByTestId('watch-item')).toContainText('Any variant');
    // A variant's watch without a target, through the same message the extension's pages send.
    await ask(options, 'watch:save', {
      id: null,
      productId: EXT_PRODUCT,
      skuId: SKU,
      currency: 'EUR',
      region: null,
      title: 'One colour',
      url: null,
      conditions: { targetPrice: null, pctBelowTypical: 20, allTimeLow: false, backInStock: true },
      landed: false,
    });
    // No "Sync now": the extension syncs shortly after the change, the phone when the app is opened again.
    // Every condition travels: the phone shows the product-level watch with its target and the rest, and lists
    // the variant's watch it cannot hold itself.
    const fromExtension = page
      .getByTestId('watch-item')
      .filter({ hasText: 'Target €90.00 · all-time low · back in stock' });
    const variant = page
      .getByTestId('elsewhere-item')
      .filter({ hasText: `Variant ${SKU} · 20% below typical · back in stock` });
    await expect(async () => {
      await page.goto('/');
      await expect(fromExtension).toHaveCount(1, { timeout: 3_000 });
      await expect(variant).toHaveCount(1, { timeout: 1_000 });
    }).toPass();
    await shot('pair-real-phone-watchlist');

    // Phone → extension: watch another product in the PWA.
    await page.goto(`/p/${UNSEEN_PRODUCT}`);
    await page.getByLabel(/Alert me at or below/).fill('9.50');
    await page.getByRole('button', { name: 'Watch' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved to your watchlist' })).toBeVisible();
    await page.goto('/');
    await expect(page.getByTestId('watch-item')).toHaveCount(2);

    // The extension catches up when its options page is opened (and on its alarm).
    await expect(async () => {
      await options.reload();
      await expect
        .poll(
          async () =>
            (
              await readTable<{
                productId: string;
                skuId: string | null;
                conditions: { targetPrice: number };
              }>(ext.worker, 'watchlist')
            )
              .map((r) => `${r.productId}:${r.skuId}:${r.conditions.targetPrice}`)
              .sort(),
          { timeout: 3_000 },
        )
        .toEqual(
          [`${EXT_PRODUCT}:null:9000`, `${EXT_PRODUCT}:${SKU}:null`, `${UNSEEN_PRODUCT}:null:950`].sort(),
        );
    }).toPass();
    await extensionShot(options, 'pair-real-extension-options');
    const list = await ext.context.newPage();
    await list.goto(`chrome-extension://${ext.id}/watchlist.html`);
    await expect(list.getByTestId('watch-row')).toHaveCount(3);
    await extensionShot(list, 'pair-real-extension-watchlist');
  } finally {
    await ext.close();
  }
});
