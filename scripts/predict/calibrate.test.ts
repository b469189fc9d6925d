import { describe, expect, it } from 'vitest';
import { fitPlatt } from './calibrate.ts';
import { seededRandom } from './rng.ts';

describe('fitPlatt', () => {
  it('recovers a known scaling from noisy labels', () => {
    const random = seededRandom(7);
    const z = Array.from({ length: 20_000 }, () => random() * 8 - 4);
    const y = z.map((v) => (random() < 1 / (1 + Math.exp(-(0.5 * v - 1))) ? 1 : 0));
    const { a, b } = fitPlatt(z, y);
    expect(a).toBeCloseTo(0.5, 1);
    expect(b).toBeCloseTo(-1, 1);
  });

  it('stays finite when the logits separate the labels perfectly (plain Newton ran off to 1e10)', () => {
    const z = [-3, -2, -1, -0.5, 0.5, 1, 2, 3];
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    const { a, b } = fitPlatt(z, y);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(a).toBeGreaterThan(1);
    expect(a).toBeLessThan(20);
  });
});
