import { type BrowserContext, test as base, expect, type Page, type Worker } from '@playwright/test';
import { launchWithExtension } from './browsers.ts';
import { expectedCase, fixtureText, PAGES } from './pages.ts';

export { expect };

/** What a route serves: a body at an exact URL (query string ignored), optionally as another content type. */
export interface Served {
  url: string;
  body: string;
  contentType?: string;
}

export interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Serve these bodies at their real AliExpress URLs; every other network request is aborted. */
  serve: (pages: Served[]) => Promise<void>;
  /** Requests the page made that nothing served (aborted), for diagnosing a fixture. */
  blocked: string[];
  /** The browser's UI language (`test.use({ uiLanguage: 'de' })`); unset: the machine's. */
  uiLanguage: string | undefined;
  /**
   * Serves the real runParams EUR product page at its AliExpress URL, opens it in a new tab and waits until the
   * extension has stored its product-level price: the starting point of most flows.
   */
  visitProductPage: () => Promise<Page>;
}

export const test = base.extend<ExtensionFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
  blocked: async ({}, use) => {
    await use([]);
  },
  uiLanguage: [undefined, { option: true }],
  context: async ({ blocked, uiLanguage }, use) => {
    const context = await launchWithExtension('', uiLanguage);
    // Nothing leaves the machine: pages under test get only what a test serves.
    // (Only the web: a catch-all pattern would also swallow the extension's own chrome-extension:// files.)
    await context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  visitProductPage: async ({ context, serviceWorker, serve }, use) => {
    const expected = expectedCase(PAGES.runParamsEur);
    await use(async () => {
      await serve([{ url: expected.url!, body: fixtureText(PAGES.runParamsEur) }]);
      const page = await context.newPage();
      await page.goto(expected.url!);
      await expect
        .poll(async () =>
          (await readTable<StoredObservation>(serviceWorker, 'observations')).some((o) => o.skuId === null),
        )
        .toBe(true);
      return page;
    });
  },
  serve: async ({ context }, use) => {
    await use(async (pages) => {
      for (const page of pages) {
        const bare = page.url.split('?')[0]!;
        await context.route(
          (url) => `${url.origin}${url.pathname}` === bare,
          (route) =>
            route.fulfill({
              status: 200,
              contentType: page.contentType ?? 'text/html; charset=utf-8',
              body: page.body,
            }),
        );
      }
    });
  },
});

export interface StoredObservation {
  productId: string;
  skuId: string | null;
  currency: string;
  region: string | null;
  price: number;
  originalPrice: number | null;
  observedAt: number;
}

/** Reads a table of the extension's IndexedDB from inside its service worker. */
export async function readTable<T = unknown>(worker: Worker, table: string): Promise<T[]> {
  return worker.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('companion');
        // Not created yet: never create it here (Dexie would then upgrade from an empty version 1).
        let absent = false;
        open.onupgradeneeded = () => {
          absent = true;
          open.transaction?.abort();
        };
        open.onerror = () => (absent ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction(name, 'readonly').objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as T[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    table,
  );
}

/** Opens the popup in a tab, told which tab it is about (a toolbar popup cannot be clicked headless). */
export async function openPopup(
  context: BrowserContext,
  extensionId: string,
  productPage: Page,
): Promise<Page> {
  const tabId = await tabIdOf(context, productPage);
  const popup = await context.newPage();
  const query = new URLSearchParams({ tabId: String(tabId), url: productPage.url() });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?${query}`);
  return popup;
}

interface TabLike {
  id?: number;
  url?: string;
}

async function tabIdOf(context: BrowserContext, page: Page): Promise<number> {
  const worker = context.serviceWorkers()[0]!;
  const url = page.url();
  const id = await worker.evaluate(async (target) => {
    const { chrome } = globalThis as unknown as {
      chrome: { tabs: { query(q: object): Promise<TabLike[]> } };
    };
    return (await chrome.tabs.query({})).find((t) => t.url === target)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}
