import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { chromeBuild } from './browsers.ts';
import { expect, openPopup, readTable, test } from './fixtures.ts';
import { expectedCase, fixtureText, PAGES } from './pages.ts';
import { seedDailyHistory } from './price-history-seed.ts';
import { syncAggregates } from './seed-aggregates.ts';

/** Issue 9: the product-page widget, injected after the price is known, in a closed shadow root. */

const artifacts = join(import.meta.dirname, 'artifacts');
const DAY = 86_400_000;

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

interface WidgetTree {
  /** Text of each element carrying a data-testid, in document order. */
  byTestId: Record<string, string[]>;
  text: string;
  tags: string[];
  hidden: boolean;
  buttons: Record<string, number>;
}

const attr = (n: DomNode, name: string) => {
  const a = n.attributes ?? [];
  const i = a.indexOf(name);
  return i >= 0 && i % 2 === 0 ? a[i + 1]! : null;
};
const kids = (n: DomNode) => [...(n.shadowRoots ?? []), ...(n.children ?? [])];
const textOf = (n: DomNode): string =>
  n.nodeType === 3 ? n.nodeValue : n.nodeName === 'STYLE' ? '' : kids(n).map(textOf).join(' ');

/** A closed shadow root is out of reach of page scripts and Playwright locators; DevTools still pierces it. */
async function widgetTree(cdp: CDPSession): Promise<WidgetTree | null> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const find = (n: DomNode): DomNode | null =>
    attr(n, 'data-aliexpress-companion') === 'widget' ? n : (kids(n).map(find).find(Boolean) ?? null);
  const host = find(root);
  if (!host) return null;
  const tree: WidgetTree = { byTestId: {}, text: textOf(host), tags: [], hidden: false, buttons: {} };
  const walk = (n: DomNode) => {
    if (n.nodeType === 1) tree.tags.push(n.nodeName.toLowerCase());
    const id = attr(n, 'data-testid');
    if (id) tree.byTestId[id] = [...(tree.byTestId[id] ?? []), textOf(n).trim()];
    if (attr(n, 'class') === 'body' && n.attributes?.includes('hidden')) tree.hidden = true;
    if (n.nodeName === 'BUTTON') tree.buttons[attr(n, 'class') ?? ''] = n.backendNodeId;
    kids(n).forEach(walk);
  };
  kids(host).forEach(walk);
  return tree;
}

async function click(page: Page, cdp: CDPSession, backendNodeId: number): Promise<void> {
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId })) as {
    model: { content: number[] };
  };
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}

/** Layout shifts after the widget's host element entered the page (the page's own earlier shifts excluded). */
const RECORD_SHIFTS = () => {
  const w = window as unknown as { __shifts: number[]; __mountedAt: number | null };
  w.__shifts = [];
  w.__mountedAt = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (!e.hadRecentInput && w.__mountedAt !== null && e.startTime >= w.__mountedAt)
        w.__shifts.push(e.value);
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n instanceof HTMLElement && n.dataset.aliexpressCompanion === 'widget')
          w.__mountedAt = performance.now();
      }
    }
  }).observe(document, { childList: true, subtree: true });
};

test('the widget shows history numbers beside the price, watches, remembers collapse, never shifts the page', async ({
  context,
  serviceWorker,
  serve,
}, testInfo) => {
  const expected = expectedCase(PAGES.runParamsEur);
  const productId = expected.productId!;
  const now = Date.now();
  await serve([{ url: expected.url!, body: fixtureText(PAGES.runParamsEur) }]);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.addInitScript(RECORD_SHIFTS);
  await page.goto(expected.url!);
  // The first visit stores today's price; then earlier reads of the same series are added and the page reloaded.
  await expect.poll(async () => (await readTable(serviceWorker, 'observations')).length).toBeGreaterThan(0);
  const [first] = await readTable<{ region: string | null }>(serviceWorker, 'observations');
  // Earlier reads of the same product: €80.00 80 days ago, €120.00 50 days ago, €105.00 20 days ago.
  await serviceWorker.evaluate(
    ({ productId, region, rows }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('observations', 'readwrite');
          for (const [observedAt, price] of rows) {
            tx.objectStore('observations').add({
              productId,
              skuId: null,
              currency: 'EUR',
              region,
              price,
              originalPrice: null,
              shipping: null,
              observedAt,
              flags: [],
              series: `${productId}|*|EUR|${region ?? '*'}`,
            });
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
    {
      productId,
      region: first!.region,
      rows: [
        [now - 80 * DAY, 8000],
        [now - 50 * DAY, 12000],
        [now - 20 * DAY, 10500],
      ] as [number, number][],
    },
  );
  await syncAggregates(serviceWorker);

  await page.reload();
  const cdp = await context.newCDPSession(page);

  await expect.poll(async () => (await widgetTree(cdp))?.byTestId['widget-now']?.[0] ?? null).not.toBeNull();
  const locale = await page.evaluate(() => navigator.language);
  const eur = (major: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(major);
  const tree = (await widgetTree(cdp))!;
  expect(tree.byTestId['widget-now']).toEqual([eur(97.39)]);
  expect(tree.byTestId['widget-lowest30']).toEqual([eur(97.39)]);
  expect(tree.byTestId['widget-lowest90']).toEqual([eur(80)]);
  expect(tree.text).toContain('4 price reads');
  // The sparkline's text alternative names lowest, highest and current.
  expect(tree.text).toContain(`lowest ${eur(80)}, highest ${eur(120)}, now ${eur(97.39)}`);
  expect(tree.tags).toContain('svg');

  // The page cannot see into it (closed shadow root), and the page's layout did not move.
  const fromPage = await page.evaluate(() => {
    const host = document.querySelector('[data-aliexpress-companion]') as HTMLElement;
    return { shadow: host.shadowRoot === null, position: getComputedStyle(host).position };
  });
  expect(fromPage).toEqual({ shadow: true, position: 'absolute' });

  mkdirSync(artifacts, { recursive: true });
  const shot = join(artifacts, 'widget-runparams-eur.png');
  // The saved page renders without its stylesheets (not served), so the price sits far down: show it.
  await page.evaluate(() =>
    document.querySelector('[data-aliexpress-companion]')!.scrollIntoView({ block: 'center' }),
  );
  await page.screenshot({ path: shot });
  await testInfo.attach('widget', { path: shot, contentType: 'image/png' });

  // Watch from the widget: a watch on this product in the background.
  await click(page, cdp, tree.buttons.watch!);
  await expect.poll(async () => (await widgetTree(cdp))?.byTestId['widget-watch']).toEqual(['Watching']);
  const watches = await readTable<{ productId: string }>(serviceWorker, 'watchlist');
  expect(watches.map((w) => w.productId)).toEqual([productId]);

  // Collapse; the choice survives a reload.
  await click(page, cdp, tree.buttons.toggle!);
  await expect.poll(async () => (await widgetTree(cdp))?.hidden).toBe(true);
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
  expect(shifts.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);

  await page.reload();
  const cdp2 = await context.newCDPSession(page);
  await expect.poll(async () => (await widgetTree(cdp2))?.hidden ?? null).toBe(true);
  const after = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
  expect(after.reduce((a, b) => a + b, 0)).toBeLessThan(0.01);
});

test('no widget on a page whose price could not be read', async ({ context, serviceWorker, serve }) => {
  // The anti-bot page AliExpress serves instead of a product, at a product URL.
  const url = 'https://www.aliexpress.com/item/1005001234567890.html';
  await serve([{ url, body: fixtureText(PAGES.captcha) }]);
  const page = await context.newPage();
  await page.goto(url);
  await expect
    .poll(async () => (await readTable<{ kind: string }>(serviceWorker, 'auditEvents')).map((a) => a.kind))
    .toContain('not-stored');
  const cdp = await context.newCDPSession(page);
  expect(await widgetTree(cdp)).toBeNull();
});

test('the widget shows the buy-or-wait prediction the popup shows, from the background model', async ({
  context,
  serviceWorker,
  extensionId,
  visitProductPage,
}) => {
  const expected = expectedCase(PAGES.runParamsEur);
  const page = await visitProductPage();
  const cdp = await context.newCDPSession(page);
  // One day of history: the panel shows its numbers and no advice (the model cannot tell yet).
  await expect.poll(async () => (await widgetTree(cdp))?.byTestId['widget-now']?.[0] ?? null).not.toBeNull();
  expect((await widgetTree(cdp))!.byTestId['widget-prediction']).toBeUndefined();

  // 45 days (as in prediction.spec.ts): the model answers, and the widget says what the popup says.
  await seedDailyHistory(
    serviceWorker,
    expected.productId!,
    Array.from({ length: 44 }, (_, k) => (k < 34 ? 7999 : 9739)),
  );
  await page.reload();
  const cdp2 = await context.newCDPSession(page);
  await expect
    .poll(async () => (await widgetTree(cdp2))?.byTestId['widget-prediction']?.[0] ?? null, {
      timeout: 30_000,
    })
    .toMatch(/^(Wait|Buy now) — (only )?\d+% chance of a ≥ 5% drop within 14 days/);
  const inWidget = (await widgetTree(cdp2))!.byTestId['widget-prediction']![0];

  const popup = await openPopup(context, extensionId, page);
  await expect(popup.getByTestId('prediction-headline')).toHaveText(inWidget!);
  // The model runtime is not part of what the page gets: the injected widget script has no ONNX Runtime in it.
  const injected = readFileSync(join(chromeBuild, 'price-widget.js'), 'utf8');
  expect(injected).not.toMatch(/InferenceSession|onnxruntime/);
});
