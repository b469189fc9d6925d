import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT } from '../../shared/predict/features.ts';
import { rawScore } from './model.ts';
import { seededRandom } from './rng.ts';
import type { Matrix } from './rows.ts';
import { trainTrees } from './trees.ts';

// Feature 0 drives the label up and down (a bump), feature 1 is noise the trees may split on too.
function bump(n: number, seed: number): Matrix {
  const random = seededRandom(seed);
  const x = new Float32Array(n * FEATURE_COUNT);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < FEATURE_COUNT; j++) x[i * FEATURE_COUNT + j] = random() * 2 - 1;
    const v = x[i * FEATURE_COUNT]!;
    const z = 2 * v - 6 * Math.max(0, v - 0.5) + 0.5 * x[i * FEATURE_COUNT + 1]!;
    y[i] = random() < 1 / (1 + Math.exp(-3 * z)) ? 1 : 0;
  }
  return { n, x, y };
}

/** The model's logit along feature `j` from −1 to 1, every other feature held at one random row's values. */
function profile(model: ReturnType<typeof trainTrees>, j: number, seed: number): number[] {
  const random = seededRandom(seed);
  const row = Float32Array.from({ length: FEATURE_COUNT }, () => random() * 2 - 1);
  return Array.from({ length: 81 }, (_, k) => {
    row[j] = -1 + k / 40;
    return rawScore(model, row);
  });
}

describe('boosted trees with monotone constraints', () => {
  const data = bump(4000, 11);

  it('unconstrained trees learn the bump (the logit falls somewhere as feature 0 rises)', () => {
    const model = trainTrees(data, { trees: 40, depth: 3, seed: 2 });
    const falls = [1, 2, 3].some((seed) =>
      profile(model, 0, seed).some((z, k, a) => k > 0 && z < a[k - 1]! - 1e-6),
    );
    expect(falls).toBe(true);
  });

  it.each([1, -1])(
    'direction %i: the logit never moves against it, whatever the other features',
    (direction) => {
      const monotone = Array.from({ length: FEATURE_COUNT }, (_, j) => (j === 0 ? direction : 0));
      const model = trainTrees(data, { trees: 40, depth: 4, seed: 2, monotone });
      for (const seed of [1, 2, 3, 4, 5]) {
        const z = profile(model, 0, seed);
        for (let k = 1; k < z.length; k++)
          expect(direction * (z[k]! - z[k - 1]!)).toBeGreaterThanOrEqual(-1e-6);
      }
      // Rising is what the data mostly says; the constrained model still uses feature 0 then.
      if (direction > 0) {
        const z = profile(model, 0, 1);
        expect(z.at(-1)! - z[0]!).toBeGreaterThan(0.5);
      }
    },
  );
});
