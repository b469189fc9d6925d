import * as ort from 'onnxruntime-web/wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_COUNT } from '../../shared/predict/features.ts';
import { trainLogistic } from './logistic.ts';
import { type Model, predictProbabilities, withCalibration } from './model.ts';
import { toOnnx } from './onnx-export.ts';
import { seededRandom } from './rng.ts';
import type { Matrix } from './rows.ts';
import { trainTrees } from './trees.ts';

// Synthetic rows with feature-like ranges (ratios, day counts, counts) and a label that depends on several.
function synthetic(n: number, seed: number): Matrix {
  const random = seededRandom(seed);
  const x = new Float32Array(n * FEATURE_COUNT);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < FEATURE_COUNT; j++) {
      x[i * FEATURE_COUNT + j] = j % 3 === 0 ? Math.floor(random() * 60) : random() * 0.6 - 0.3;
    }
    const z =
      4 * x[i * FEATURE_COUNT + 1]! - 0.05 * x[i * FEATURE_COUNT + 3]! + 2 * x[i * FEATURE_COUNT + 7]! ** 2;
    y[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { n, x, y };
}

async function onnxProbabilities(model: Model, x: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(toOnnx(model));
  const out = await session.run({
    features: new ort.Tensor('float32', x, [x.length / FEATURE_COUNT, FEATURE_COUNT]),
  });
  return out.p_drop!.data as Float32Array;
}

describe('ONNX export round trip (onnxruntime-web wasm vs the TypeScript reference)', () => {
  const train = synthetic(3000, 1);
  const test = synthetic(1000, 2);
  beforeAll(() => {
    ort.env.wasm.numThreads = 1;
  });

  it.each([
    ['boosted trees', () => trainTrees(train, { trees: 25, depth: 4, seed: 3 })],
    ['logistic regression', () => trainLogistic(train)],
    [
      'boosted trees plus a linear term in one feature (blend)',
      (): Model => ({
        kind: 'blend',
        base: trainTrees(train, { trees: 25, depth: 4, seed: 3 }),
        feature: 1,
        weight: 3.5,
      }),
    ],
  ])('%s with Platt scaling folded in agree within 1e-5', async (_name, trainModel) => {
    const model = withCalibration(trainModel(), { a: 0.8, b: -0.3 });
    const reference = predictProbabilities(model, test.x);
    const onnx = await onnxProbabilities(model, test.x);
    expect(onnx).toHaveLength(test.n);
    let maxDiff = 0;
    for (let i = 0; i < test.n; i++) maxDiff = Math.max(maxDiff, Math.abs(onnx[i]! - reference[i]!));
    expect(maxDiff).toBeLessThan(1e-5);
    // A model that learned something: the probabilities are not all alike.
    expect(Math.max(...reference) - Math.min(...reference)).toBeGreaterThan(0.2);
  });
});
