import { describe, expect, it } from 'vitest';
import { aggregateDay, type DayRead } from './aggregate.ts';

const reads = (prices: number[], from = 1): DayRead[] =>
  prices.map((price, i) => ({ contributorId: from + i, price, flags: [] }));

describe('aggregateDay', () => {
  it('returns null without reads', () => {
    expect(aggregateDay([], null)).toBeNull();
  });

  it('gives each contributor one vote', () => {
    const many: DayRead[] = [1, 2, 3, 4, 5].map((n) => ({ contributorId: 1, price: n * 100, flags: [] }));
    const agg = aggregateDay([...many, { contributorId: 2, price: 900, flags: [] }], null)!;
    expect(agg).toMatchObject({ medianPrice: 600, contributors: 2, observations: 6, confirmed: true });
  });

  it('rejects outliers by median + MAD', () => {
    const agg = aggregateDay(reads([1000, 1001, 999, 1002, 998, 10, 50_000]), null)!;
    expect(agg).toMatchObject({ minPrice: 998, medianPrice: 1000, maxPrice: 1002, contributors: 5 });
  });

  it('holds a lone vote far from the confirmed median; two agreeing far votes pass', () => {
    expect(aggregateDay(reads([500]), 1000)).toBeNull();
    expect(aggregateDay(reads([500, 300]), 1000)).toBeNull();
    expect(aggregateDay(reads([500, 505]), 1000)).toMatchObject({ medianPrice: 503, confirmed: true });
    expect(aggregateDay(reads([800]), 1000)).toMatchObject({ medianPrice: 800, confirmed: false });
  });

  it('leaves out prices the public cannot pay and marks flagged ones', () => {
    const agg = aggregateDay(
      [
        { contributorId: 1, price: 100, flags: ['new-user-price'] },
        { contributorId: 2, price: 1000, flags: ['flash-deal'] },
        { contributorId: 3, price: 1000, flags: [] },
      ],
      null,
    )!;
    expect(agg).toMatchObject({ medianPrice: 1000, contributors: 2, flagged: true });
  });
});
