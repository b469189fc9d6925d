import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web/wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictProbabilities, withCalibration } from '../../scripts/predict/model.ts';
import { toOnnx } from '../../scripts/predict/onnx-export.ts';
import { MODEL_META, MODEL_ONNX } from '../../scripts/predict/paths.ts';
import { trainTrees } from '../../scripts/predict/trees.ts';
import { type DailySeries, dayNumber } from './daily.ts';
import { computeFeatures, FEATURE_COUNT, FEATURE_NAMES } from './features.ts';
import { headlineOf, heldOutSummary, loadPricePredictor } from './infer.ts';
import { type ModelMeta, modelMetaSchema } from './model-meta.ts';

const committedMeta = modelMetaSchema.parse(JSON.parse(readFileSync(MODEL_META, 'utf8')));
const committedModel = readFileSync(MODEL_ONNX);

/** A game-like history: full price with a 30% sale every 28 days for 5 days. */
function saleCycle(days: number): DailySeries {
  const prices = Array.from({ length: days }, (_, t) => (t % 28 < 5 ? 1399 : 1999));
  return { startDay: dayNumber('2025-08-01'), prices };
}

describe('loadPricePredictor', () => {
  beforeAll(() => {
    ort.env.wasm.numThreads = 1;
  });

  it('says "too little history" instead of guessing below 30 days', async () => {
    const predictor = await loadPricePredictor(ort, committedModel, committedMeta);
    const answer = await predictor.predict(saleCycle(29));
    expect(answer).toMatchObject({ kind: 'too-little-history', historyDays: 29, neededDays: 30 });
  });

  it('answers with a calibrated probability, a headline and up to three plain-word reasons', async () => {
    const predictor = await loadPricePredictor(ort, committedModel, committedMeta);
    const answer = await predictor.predict(saleCycle(55)); // day 54: full price, next sale due in 2 days
    if (answer.kind !== 'prediction') throw new Error(`expected a prediction, got ${answer.kind}`);
    expect(answer.pDrop).toBeGreaterThan(0);
    expect(answer.pDrop).toBeLessThan(1);
    expect(answer.advice).toBe(answer.pDrop >= committedMeta.decisionThreshold ? 'wait' : 'buy-now');
    expect(answer.headline).toMatch(
      /^(Wait — \d+%|Buy now — only \d+%|Buy now — \d+%) chance of a ≥ 5% drop within 14 days(, not enough to be worth waiting)?$/,
    );
    expect(answer.reasons.length).toBeGreaterThan(0);
    expect(answer.reasons.length).toBeLessThanOrEqual(3);
    for (const r of answer.reasons) expect(r).toMatch(/^[a-z0-9].+/i);
    // The same series and day through the batch path gives the same number.
    const [batch] = await predictor.predictDays(saleCycle(55), [54]);
    expect(batch).toBe(answer.pDrop);
  });

  it('computes exactly what the TypeScript reference computes on the same features (within 1e-5)', async () => {
    const series = saleCycle(120);
    const days = Array.from({ length: 90 }, (_, k) => 30 + k);
    const x = new Float32Array(days.length * FEATURE_COUNT);
    days.forEach((t, k) => {
      x.set(computeFeatures(series, t), k * FEATURE_COUNT);
    });
    const y = Uint8Array.from(days, (t) => (series.prices[t]! === 1999 && t % 28 > 20 ? 1 : 0));
    const model = withCalibration(
      trainTrees({ n: days.length, x, y }, { trees: 10, depth: 3, minChildHessian: 0.5 }),
      {
        a: 0.9,
        b: 0.1,
      },
    );
    const meta: ModelMeta = { ...committedMeta, featureMedians: new Array(FEATURE_COUNT).fill(0) };
    const predictor = await loadPricePredictor(ort, toOnnx(model), meta);
    const viaOnnx = await predictor.predictDays(series, days);
    const reference = predictProbabilities(model, x);
    days.forEach((_, k) => {
      expect(Math.abs(viaOnnx[k]! - reference[k]!)).toBeLessThan(1e-5);
    });
  });

  it('refuses a model trained on another feature list', async () => {
    const meta = { ...committedMeta, features: [...FEATURE_NAMES].reverse() };
    await expect(loadPricePredictor(ort, committedModel, meta)).rejects.toThrow(/feature list/);
  });

  it('summarises the held-out record for the UI', () => {
    const lines = heldOutSummary(committedMeta);
    expect(lines.length).toBeGreaterThan(0);
    if (committedMeta.heldOut) expect(lines.join('\n')).toMatch(/AUC \d\.\d\d/);
  });
});

describe('headlineOf', () => {
  const meta = { dropThreshold: 0.05, horizonDays: 14 } as ModelMeta;
  it('leads with the advice and says a small chance argues against waiting', () => {
    expect(headlineOf('buy-now', 0.05, meta)).toBe('Buy now — only 5% chance of a ≥ 5% drop within 14 days');
    expect(headlineOf('wait', 0.64, meta)).toBe('Wait — 64% chance of a ≥ 5% drop within 14 days');
    expect(headlineOf('buy-now', 0.55, meta)).toBe(
      'Buy now — 55% chance of a ≥ 5% drop within 14 days, not enough to be worth waiting',
    );
  });
});
