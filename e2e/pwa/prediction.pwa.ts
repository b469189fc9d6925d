import { communitySeries } from '../../pwa/src/prediction.ts';
import { loadCommittedPredictor } from '../../scripts/predict/load-model.ts';
import { historyResponseSchema } from '../../shared/api.ts';
import { expect, test } from './fixtures.ts';
import { PRODUCT, seededPrices, UNSEEN_PRODUCT } from './seed.ts';

/**
 * Issue 8 in the PWA: a product view with 30 days of community history loads ONNX Runtime (WebAssembly) and the
 * packaged model in the page and shows the extension's answer; a product without history shows none.
 */
test('the product view advises buy or wait from the community history, as the shared predictor does', async ({
  page,
  servers,
  shot,
}) => {
  expect(seededPrices()).toHaveLength(30);
  await page.goto(`/p/${PRODUCT}`);
  const prediction = page.getByTestId('prediction');
  await expect(prediction).toHaveAttribute('data-kind', 'prediction', { timeout: 30_000 });
  const headline = (await page.getByTestId('prediction-headline').textContent()) ?? '';
  expect(headline).toMatch(/^(Wait|Buy now) — (only )?\d+% chance of a ≥ 5% drop within 14 days/);
  const reasons = await page.getByTestId('prediction-reasons').locator('li').allTextContents();
  expect(reasons.length).toBeGreaterThanOrEqual(1);
  expect(reasons.length).toBeLessThanOrEqual(3);
  await expect(page.getByTestId('prediction-record')).toContainText(/Steam games: AUC \d\.\d\d/);

  // The same answer in Node from the same community days and the same model file.
  const res = await fetch(`${servers.apiUrl}/v1/products/${PRODUCT}/history?currency=USD&days=90`);
  const { days } = historyResponseSchema.parse(await res.json());
  const today = new Date().toISOString().slice(0, 10);
  const reference = await (await loadCommittedPredictor()).predict(communitySeries(days, 'USD', today));
  if (reference.kind !== 'prediction') throw new Error(`Node reference gave ${reference.kind}`);
  expect(headline).toBe(reference.headline);
  expect(reasons).toEqual(reference.reasons);
  await expect(prediction).toHaveAttribute('data-advice', reference.advice);
  await shot('product-prediction');
});

test('a product without community history gets no advice', async ({ page }) => {
  await page.goto(`/p/${UNSEEN_PRODUCT}`);
  await expect(page.getByText('No community prices for this product')).toBeVisible();
  await expect(page.getByTestId('prediction')).toHaveCount(0);
});
