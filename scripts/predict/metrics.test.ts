import { describe, expect, it } from 'vitest';
import { baseRateBrier, brier, prAuc, reliability, rocAuc } from './metrics.ts';

describe('metrics', () => {
  it('ROC-AUC: perfect, reversed, constant and a hand-counted case', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5], [0, 1, 0])).toBe(0.5);
    // pairs (pos, neg): (0.4 vs 0.1 ✓, 0.4 vs 0.6 ✗, 0.7 vs 0.1 ✓, 0.7 vs 0.6 ✓) = 3/4
    expect(rocAuc([0.1, 0.4, 0.6, 0.7], [0, 1, 0, 1])).toBe(0.75);
  });

  it('PR-AUC (average precision): perfect ranking is 1, a constant score gets the base rate', () => {
    expect(prAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(prAuc([1, 1, 1, 1], [0, 0, 0, 1])).toBe(0.25);
    // ranking 1,0,1: AP = (1/2)(1/1) + (1/2)(2/3)
    expect(prAuc([0.9, 0.8, 0.7], [1, 0, 1])).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('Brier and its base-rate bar', () => {
    expect(brier([1, 0, 0.5], [1, 0, 1])).toBeCloseTo(0.25 / 3, 12);
    expect(baseRateBrier([1, 0, 0, 0])).toBeCloseTo(0.1875, 12);
  });

  it('reliability bins count every prediction once', () => {
    const bins = reliability([0.01, 0.02, 0.55, 0.95, 1], [0, 0, 1, 1, 1]);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(bins[0]).toMatchObject({ count: 2, observedRate: 0 });
    expect(bins.at(-1)).toMatchObject({ count: 2, observedRate: 1 });
  });
});
