import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_DIST, startPwa } from '../../pwa/serve.ts';
import { expect, test, waitForController } from './fixtures.ts';

/** Appended to the copied sw.js: a new version that says which version it is when asked. */
const V2 = `
self.addEventListener('message', (e) => { if (e.data === 'VERSION?') e.source.postMessage('v2'); });
`;

function askVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        navigator.serviceWorker.addEventListener('message', (e) => resolve(String(e.data)), { once: true });
        navigator.serviceWorker.controller?.postMessage('VERSION?');
        setTimeout(() => resolve('v1 (no answer)'), 1_500);
      }),
  );
}

test('a new version waits for consent, then takes over and reloads once', async ({ page, servers, shot }) => {
  const dist = mkdtempSync(join(tmpdir(), 'pwa-update-'));
  cpSync(DEFAULT_DIST, dist, { recursive: true });
  const pwa = await startPwa({ port: 0, apiUrl: servers.apiUrl, distDir: dist });
  try {
    await page.goto(`${pwa.url}/`);
    await waitForController(page);
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'before-update';
    });
    expect(await askVersion(page)).toBe('v1 (no answer)');

    writeFileSync(join(dist, 'sw.js'), readFileSync(join(dist, 'sw.js'), 'utf8') + V2);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    await expect(page.getByRole('status').filter({ hasText: 'Update available' })).toBeVisible();
    await shot('update-available');
    // No automatic skipWaiting: the new worker waits and the old one still controls the page.
    expect(
      await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)),
    ).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      'before-update',
    );

    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await waitForController(page);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBeUndefined();
    expect(await askVersion(page)).toBe('v2');
    expect(
      await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)),
    ).toBe(false);
    await expect(page.getByText('Update available')).toHaveCount(0);
  } finally {
    await pwa.close();
    rmSync(dist, { recursive: true, force: true });
  }
});
