import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline.ts';

describe('sparklinePath', () => {
  it('steps from each price to the next and runs on to now', () => {
    const d = sparklinePath(
      [
        { observedAt: 0, price: 200 },
        { observedAt: 50, price: 100 },
      ],
      102,
      22,
      100,
    );
    expect(d).toBe('M1 1 H51 V21 H101');
  });

  it('draws one price as a flat line across the middle', () => {
    expect(sparklinePath([{ observedAt: 5, price: 300 }], 100, 20, 5)).toBe('M1 10 H99');
    expect(sparklinePath([], 100, 20, 5)).toBe('');
  });
});
