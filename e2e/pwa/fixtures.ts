import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page } from '@playwright/test';
import { startPwa } from '../../pwa/serve.ts';
import { startApi } from '../../worker/src/local.ts';
import { chromiumPath, repoRoot } from '../browsers.ts';
import { seedCommunity } from './seed.ts';

export { expect } from '@playwright/test';

export const artifacts = resolve(repoRoot, 'e2e/artifacts/pwa');

export interface Servers {
  apiUrl: string;
  pwaUrl: string;
}

interface WorkerFixtures {
  servers: Servers;
}

interface TestFixtures {
  context: BrowserContext;
  page: Page;
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  servers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pwa-e2e-api-'));
      const api = await startApi({ port: 0, dataDir });
      await seedCommunity(api.url);
      const pwa = await startPwa({ port: 0, apiUrl: api.url });
      await use({ apiUrl: api.url, pwaUrl: pwa.url });
      await pwa.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  context: async ({ servers, viewport, isMobile, hasTouch, deviceScaleFactor, locale }, use) => {
    // A persistent profile, not an incognito context: Chromium reports incognito pages as not installable.
    const profile = mkdtempSync(join(tmpdir(), 'pwa-e2e-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        // The browser's language as well as the pages' (Playwright's `locale`, en-US unless a spec sets it):
        // the PWA picks its language from navigator.languages.
        ...(locale ? [`--lang=${locale}`] : []),
      ],
      locale,
      viewport,
      isMobile,
      hasTouch,
      deviceScaleFactor,
      baseURL: servers.pwaUrl,
      serviceWorkers: 'allow',
      permissions: ['notifications'],
    });
    // Nothing leaves the machine: only the local servers answer.
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort('blockedbyclient'));
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  page: async ({ context }, use) => {
    await use(await context.newPage());
  },
  shot: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      const path = join(artifacts, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(name, { path, contentType: 'image/png' });
    });
  },
});

/** Wait until a service worker controls the page (first install claims it; see pwa/src/sw.ts). */
export async function waitForController(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
}
