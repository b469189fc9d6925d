import { startPwa } from '../../pwa/serve.ts';
import { expect, test, waitForController } from './fixtures.ts';
import { PRODUCT, UNSEEN_PRODUCT } from './seed.ts';

test('offline: the shell, a product seen before, its buy-or-wait advice and the watchlist still work', async ({
  context,
  page,
  servers,
  shot,
}) => {
  // A server of its own, stopped below: offline must not depend on how the browser emulates it.
  const pwa = await startPwa({ port: 0, apiUrl: servers.apiUrl });
  let onlineHeadline: string | null = null;
  try {
    await page.goto(`${pwa.url}/`);
    await waitForController(page);
    await page.goto(`${pwa.url}/p/${PRODUCT}`);
    await expect(page.getByTestId('stats')).toContainText('$14.99');
    // Asking once online fetches the predictor's binaries through the service worker, which keeps them.
    await expect(page.getByTestId('prediction')).toHaveAttribute('data-kind', 'prediction', {
      timeout: 30_000,
    });
    onlineHeadline = await page.getByTestId('prediction-headline').textContent();
    await page.getByLabel('Alert me at or below (USD)').fill('15.00');
    await page.getByRole('button', { name: 'Watch' }).click();
    await expect(page.getByText('Saved to your watchlist.')).toBeVisible();
    await page.getByRole('link', { name: 'AliExpress Companion, home' }).click();
    await expect(page.getByTestId('watch-item')).toContainText('at or below your target');
  } finally {
    await pwa.close();
  }
  await context.setOffline(true);

  await page.reload();
  await expect(page.getByText('Offline — showing saved data')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Is it a good price?' })).toBeVisible();
  await expect(page.getByTestId('watch-item')).toContainText('Now $14.99');
  await shot('offline-home');

  await page.getByRole('link', { name: /Product 1005005424987520/ }).click();
  await expect(page.getByTestId('stats')).toContainText('$14.99');
  await expect(page.getByRole('img', { name: /Price history over 30 days/ })).toBeVisible();
  // A fresh page (reloaded offline), so ONNX Runtime and the model come from the service worker's cache.
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-kind', 'prediction', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('prediction-headline')).toHaveText(onlineHeadline ?? '');
  await shot('offline-product');

  // The watchlist is on the device: changing a target and removing with undo work offline too.
  await page.getByLabel('Alert me at or below (USD)').fill('14.00');
  await page.getByRole('button', { name: 'Update' }).click();
  await page.getByRole('link', { name: 'AliExpress Companion, home' }).click();
  await expect(page.getByTestId('watch-item')).toContainText('Target $14.00');
  await page.getByRole('button', { name: /^Remove / }).click();
  await expect(page.getByTestId('watch-item')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('watch-item')).toContainText('Target $14.00');

  // A cold start offline at a deep link also gets the shell.
  await page.goto(`${pwa.url}/p/${UNSEEN_PRODUCT}`);
  await expect(page.getByRole('alert')).toHaveText('Offline, and this product was not saved yet.');
});
