/**
 * Pairing syncs a watch both ways. The PWA side is the real app in Chromium; the extension side is played by the
 * test runner with the same shared/pairing.ts the extension imports (its pairing screen is not wired yet), talking
 * to the same API.
 */
import {
  derivePairKeys,
  formatPairCode,
  newPairSecret,
  openWatchlist,
  type PairedWatchlist,
  type PairedWatchlistInput,
  type PairKeys,
  sealWatchlist,
} from '../../shared/pairing.ts';
import { expect, test } from './fixtures.ts';
import { PRODUCT, UNSEEN_PRODUCT } from './seed.ts';

async function readBlob(
  apiUrl: string,
  keys: PairKeys,
): Promise<{ list: PairedWatchlist; version: number } | null> {
  const res = await fetch(`${apiUrl}/v1/pair/${keys.pairId}`);
  if (res.status === 404) return null;
  const blob = (await res.json()) as { ciphertext: string; version: number };
  return { list: await openWatchlist(keys, blob.ciphertext), version: blob.version };
}

async function writeBlob(
  apiUrl: string,
  keys: PairKeys,
  list: PairedWatchlistInput,
  baseVersion: number,
): Promise<void> {
  const res = await fetch(`${apiUrl}/v1/pair/${keys.pairId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ciphertext: await sealWatchlist(keys, list), baseVersion }),
  });
  expect(res.status).toBe(200);
}

test('pairing with the extension syncs watches both ways, end-to-end encrypted', async ({
  page,
  servers,
  shot,
}) => {
  const secret = newPairSecret();
  const keys = await derivePairKeys(secret);
  // The extension already watches a product.
  await writeBlob(
    servers.apiUrl,
    keys,
    {
      v: 1,
      watches: [
        {
          productId: PRODUCT,
          currency: 'USD',
          region: null,
          target: '15.00',
          title: 'Desk lamp',
          updatedAt: Date.now(),
        },
      ],
    },
    0,
  );

  // The phone opens the QR code's link and pairs.
  await page.goto(`/pair?code=${encodeURIComponent(formatPairCode(secret))}`);
  await page.getByRole('button', { name: 'Pair' }).click();
  await expect(page.getByTestId('pair-status')).toContainText('Watchlist synced');
  await shot('paired');
  await page.getByRole('link', { name: 'AliExpress Companion, home' }).click();
  await expect(page.getByTestId('watch-item')).toContainText('Desk lamp');
  await expect(page.getByTestId('watch-item')).toContainText('Target $15.00');

  // A watch added on the phone reaches the extension.
  await page.goto(`/p/${UNSEEN_PRODUCT}`);
  await page.getByLabel(/Alert me at or below/).fill('9.50');
  await page.getByRole('button', { name: 'Watch' }).click();
  await expect
    .poll(async () =>
      (await readBlob(servers.apiUrl, keys))?.list.watches.map((w) => `${w.productId}:${w.target}`),
    )
    .toEqual([`${PRODUCT}:15.00`, `${UNSEEN_PRODUCT}:9.50`]);

  // The extension removes its watch; the phone follows on its next sync.
  const current = (await readBlob(servers.apiUrl, keys))!;
  await writeBlob(
    servers.apiUrl,
    keys,
    {
      v: 1,
      watches: current.list.watches.map((w) =>
        w.productId === PRODUCT ? { ...w, deleted: true, updatedAt: Date.now() } : w,
      ),
    },
    current.version,
  );
  await page.goto('/pair');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.goto('/');
  await expect(page.getByTestId('watch-item')).toHaveCount(1);
  await expect(page.getByTestId('watch-item')).toContainText(`Product ${UNSEEN_PRODUCT}`);

  // Unpairing deletes the server's copy; the phone keeps its own list.
  await page.goto('/pair');
  await page.getByRole('button', { name: 'Unpair' }).click();
  await expect(page.getByRole('heading', { name: 'Pair with the extension' })).toBeVisible();
  await expect.poll(() => readBlob(servers.apiUrl, keys)).toBeNull();
  await page.goto('/');
  await expect(page.getByTestId('watch-item')).toHaveCount(1);
});
