import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web/wasm';
import { predictionSeries } from '../extension/agents/prediction.ts';
import type { Observation } from '../shared/domain.ts';
import { loadPricePredictor } from '../shared/predict/infer.ts';
import { modelMetaSchema } from '../shared/predict/model-meta.ts';
import { expect, openPopup, readTable, test } from './fixtures.ts';
import { expectedCase, PAGES } from './pages.ts';
import { seedDailyHistory } from './price-history-seed.ts';

/**
 * Issue 8 in the built extension: the popup asks the background, which builds the product's daily series from
 * IndexedDB, and the offscreen document runs the packaged ONNX model (onnxruntime-web WebAssembly).
 */

const expected = expectedCase(PAGES.runParamsEur);
const PRODUCT = expected.productId!;
const MODEL_DIR = new URL('../shared/predict/model/', import.meta.url);

/** 45 days: €79.99 for five weeks, then €97.39 (the page's price) for the last ten days. */
const HISTORY = Array.from({ length: 44 }, (_, k) => (k < 34 ? 7999 : 9739));

test('with 45 days of history the popup advises buy or wait, says why, and shows the model record', async ({
  context,
  serviceWorker,
  extensionId,
  visitProductPage,
}) => {
  const page = await visitProductPage();
  await seedDailyHistory(serviceWorker, PRODUCT, HISTORY);

  const popup = await openPopup(context, extensionId, page);
  const prediction = popup.getByTestId('prediction');
  await expect(prediction).toHaveAttribute('data-kind', 'prediction');
  const headline = (await popup.getByTestId('prediction-headline').textContent()) ?? '';
  expect(headline).toMatch(/^(Wait|Buy now) — (only )?\d+% chance of a ≥ 5% drop within 14 days/);
  const reasons = await popup.getByTestId('prediction-reasons').locator('li').allTextContents();
  expect(reasons.length).toBeGreaterThanOrEqual(1);
  expect(reasons.length).toBeLessThanOrEqual(3);
  await expect(popup.getByTestId('prediction-record')).toContainText(/AUC \d\.\d\d/);

  // The browser's answer is the shared code's answer in Node on the same stored reads and the same model.
  ort.env.wasm.numThreads = 1;
  const predictor = await loadPricePredictor(
    ort,
    readFileSync(new URL('price-drop.onnx', MODEL_DIR)),
    modelMetaSchema.parse(JSON.parse(readFileSync(new URL('price-drop.json', MODEL_DIR), 'utf8'))),
  );
  const series = predictionSeries(await readTable<Observation>(serviceWorker, 'observations'), Date.now());
  expect(series?.prices.length).toBe(HISTORY.length + 1);
  const reference = await predictor.predict(series!);
  if (reference.kind !== 'prediction') throw new Error(`Node reference gave ${reference.kind}`);
  expect(headline).toBe(reference.headline);
  expect(reasons).toEqual(reference.reasons);
  await expect(prediction).toHaveAttribute('data-advice', reference.advice);
  const artifacts = join(import.meta.dirname, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  await popup.screenshot({ path: join(artifacts, 'popup-prediction.png'), fullPage: true });
});

test('with a single day of history the popup says there is too little to predict', async ({
  context,
  extensionId,
  visitProductPage,
}) => {
  const page = await visitProductPage();

  const popup = await openPopup(context, extensionId, page);
  const prediction = popup.getByTestId('prediction');
  await expect(prediction).toHaveAttribute('data-kind', 'too-little-history');
  await expect(prediction).toHaveText('Too little price history to predict: 1 of 30 days seen.');
  await expect(popup.getByTestId('prediction-headline')).toHaveCount(0);
});
