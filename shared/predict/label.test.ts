import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DailySeries } from './daily.ts';
import { dropLabel } from './label.ts';

const s = (prices: (number | null)[]): DailySeries => ({ startDay: 0, prices });

describe('dropLabel', () => {
  it('is 1 when some day within the horizon is at least θ below today', () => {
    expect(dropLabel(s([100, 100, 95, 100]), 0, 3, 0.05)).toBe(1);
    expect(dropLabel(s([2000, 1900, 2000]), 0, 2, 0.05)).toBe(1); // exactly 5% counts
  });

  it('is 0 for smaller drops, rises and drops after the horizon', () => {
    expect(dropLabel(s([100, 96, 120, 100]), 0, 3, 0.05)).toBe(0);
    expect(dropLabel(s([100, 100, 100, 50]), 0, 2, 0.05)).toBe(0);
  });

  it('ignores days without a price and is 0 when none can be bought', () => {
    expect(dropLabel(s([100, null, null, 100]), 0, 3, 0.05)).toBe(0);
    expect(dropLabel(s([100, null, 90, 100]), 0, 3, 0.05)).toBe(1);
  });

  it('is null when today has no price or the horizon runs past the series', () => {
    expect(dropLabel(s([null, 50, 50]), 0, 2, 0.05)).toBeNull();
    expect(dropLabel(s([100, 50]), 0, 2, 0.05)).toBeNull();
  });

  it('uses the defaults h = 14 days and θ = 5%', () => {
    const prices = [100, ...Array(13).fill(100), 95];
    expect(dropLabel(s(prices), 0)).toBe(1);
    expect(dropLabel(s([...prices.slice(0, 14), 96]), 0)).toBe(0);
  });

  it('matches its definition on random series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 1, max: 10_000 }), { freq: 5 }), {
          minLength: 2,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 50 }),
        (prices, h, pct) => {
          const theta = pct / 100;
          for (let t = 0; t < prices.length; t++) {
            const label = dropLabel(s(prices), t, h, theta);
            const today = prices[t];
            if (today == null || t + h >= prices.length) {
              expect(label).toBeNull();
              continue;
            }
            const future = prices.slice(t + 1, t + h + 1).filter((p): p is number => p != null);
            const expected = future.some((p) => p * 100 <= today * (100 - pct)) ? 1 : 0;
            expect(label).toBe(expected);
          }
        },
      ),
    );
  });
});
