import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  derivePairKeys,
  openWatchlist,
  type PairedWatchlist,
  type PairedWatchlistInput,
  type PairKeys,
  parsePairCode,
  sealWatchlist,
} from '../shared/pairing.ts';
import { type RunningApi, startApi } from '../worker/src/local.ts';
import { expect, readTable, test } from './fixtures.ts';

/**
 * The extension side of pairing in the built extension, against the local API (PGlite, loopback). The phone is
 * played by the test runner with shared/pairing.ts (the PWA's own side is e2e/pwa/pairing.pwa.ts).
 */

let dataDir: string;
let api: RunningApi;

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pairing-e2e-api-'));
  api = await startApi({ port: 0, dataDir });
});

test.afterEach(async () => {
  await api.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

async function readBlob(keys: PairKeys): Promise<{ list: PairedWatchlist; version: number } | null> {
  const res = await fetch(`${api.url}/v1/pair/${keys.pairId}`);
  if (res.status === 404) return null;
  const blob = (await res.json()) as { ciphertext: string; version: number };
  return { list: await openWatchlist(keys, blob.ciphertext), version: blob.version };
}

test('options page pairs with a phone: code and QR shown, a phone watch arrives, unpair deletes the blob', async ({
  context,
  serviceWorker,
  extensionId,
}) => {
  // Later routes win in Playwright: the local API passes, the rest of the web stays blocked.
  const apiHost = new URL(api.url).host;
  await context.route(
    (url) => url.host === apiHost,
    (route) => route.continue(),
  );
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByText('Community service address').click();
  await options.getByTestId('sharing-api-base').fill(api.url);
  await options.getByTestId('sharing-api-save').click();
  await expect(options.getByTestId('sharing')).toHaveAttribute('data-api-base', api.url);

  await options.getByRole('button', { name: 'Pair with your phone' }).click();
  await expect(options.getByTestId('pair-sync-status')).toContainText('Watchlist synced');
  await expect(options.getByRole('img', { name: 'Pairing QR code' })).toBeVisible();
  const code = (await options.getByTestId('pair-code').textContent())!;
  const keys = await derivePairKeys(parsePairCode(code)!);
  const first = (await readBlob(keys))!;
  expect(first.list.watches).toEqual([]);

  // The phone adds a watch; the extension pulls it on "Sync now".
  const phoneList: PairedWatchlistInput = {
    v: 1,
    watches: [
      {
        productId: '1005006789012345',
        currency: 'USD',
        region: null,
        target: '12.50',
        title: 'From the phone',
        updatedAt: Date.now(),
      },
    ],
  };
  const write = await fetch(`${api.url}/v1/pair/${keys.pairId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ciphertext: await sealWatchlist(keys, phoneList), baseVersion: first.version }),
  });
  expect(write.status).toBe(200);
  await options.getByRole('button', { name: 'Sync now' }).click();
  await expect(options.getByTestId('pair-sync-status')).toContainText('(1 shared watch)');
  const rows = await readTable<{ productId: string; conditions: { targetPrice: number } }>(
    serviceWorker,
    'watchlist',
  );
  expect(rows.map((r) => `${r.productId}:${r.conditions.targetPrice}`)).toEqual(['1005006789012345:1250']);

  await options.getByRole('button', { name: 'Unpair' }).click();
  await expect(options.getByRole('button', { name: 'Pair with your phone' })).toBeVisible();
  await expect.poll(() => readBlob(keys)).toBeNull();
});
