import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Observation } from './domain.ts';
import {
  addDays,
  DAY_MS,
  type DailyPoint,
  dailyRollup,
  discountVerdict,
  groupBySeries,
  median,
  seriesKeyString,
  summarizeDays,
  summarizeObservations,
  utcDay,
} from './history.ts';

const T0 = Date.UTC(2026, 0, 1, 12); // noon UTC, 2026-01-01

function obs(dayOffset: number, price: number, extra: Partial<Observation> = {}): Observation {
  return {
    productId: '1005001',
    skuId: null,
    currency: 'EUR',
    region: 'DE',
    price,
    originalPrice: null,
    shipping: null,
    observedAt: T0 + dayOffset * DAY_MS,
    flags: [],
    ...extra,
  };
}

/** One read per day at `prices[i]` on day i. */
function series(prices: number[]): Observation[] {
  return prices.map((p, i) => obs(i, p));
}

describe('dailyRollup', () => {
  it('groups by UTC day with min/median/max/count', () => {
    const days = dailyRollup([
      { price: 300, observedAt: Date.UTC(2026, 0, 1, 0, 0) },
      { price: 100, observedAt: Date.UTC(2026, 0, 1, 23, 59) },
      { price: 200, observedAt: Date.UTC(2026, 0, 1, 12) },
      { price: 50, observedAt: Date.UTC(2026, 0, 2, 0, 0) },
    ]);
    expect(days).toEqual([
      { day: '2026-01-01', min: 100, median: 200, max: 300, count: 3 },
      { day: '2026-01-02', min: 50, median: 50, max: 50, count: 1 },
    ]);
  });

  it('skips zero, negative and fractional prices', () => {
    expect(
      dailyRollup([
        { price: 0, observedAt: T0 },
        { price: -5, observedAt: T0 },
        { price: 1.5, observedAt: T0 },
      ]),
    ).toEqual([]);
  });

  it('rounds an even median half up to whole minor units', () => {
    expect(median([100, 101])).toBe(101);
    expect(median([1, 2, 3, 4])).toBe(3);
    expect(() => median([])).toThrow();
  });

  it('property: counts add up, min ≤ median ≤ max, days unique and ascending', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            price: fc.integer({ min: 1, max: 1e7 }),
            observedAt: fc.integer({ min: 0, max: 4e12 }),
          }),
        ),
        (reads) => {
          const days = dailyRollup(reads);
          expect(days.reduce((n, d) => n + d.count, 0)).toBe(reads.length);
          for (let i = 0; i < days.length; i++) {
            const d = days[i]!;
            expect(d.min).toBeLessThanOrEqual(d.median);
            expect(d.median).toBeLessThanOrEqual(d.max);
            if (i > 0) expect(days[i - 1]!.day < d.day).toBe(true);
          }
          for (const r of reads) expect(days.some((d) => d.day === utcDay(r.observedAt))).toBe(true);
        },
      ),
    );
  });
});

describe('series keys', () => {
  it('separates product, SKU, currency and region', () => {
    const all = [
      obs(0, 100),
      obs(0, 100, { skuId: '12000000000000000001' }),
      obs(0, 100, { currency: 'USD' }),
      obs(0, 100, { region: null }),
      obs(1, 90),
    ];
    const groups = groupBySeries(all);
    expect(groups.size).toBe(4);
    expect(groups.get(seriesKeyString(obs(0, 1)))?.observations).toHaveLength(2);
  });
});

describe('summarizeObservations', () => {
  it('computes current, lows, highs, typical and change vs typical', () => {
    // 100 days at 1000, then 20 days at 800, today 700.
    const prices = [...Array(100).fill(1000), ...Array(20).fill(800), 700];
    const s = summarizeObservations(series(prices))!;
    expect(s.current?.price).toBe(700);
    expect(s.lowestEver).toBe(700);
    expect(s.highestEver).toBe(1000);
    expect(s.lowest30).toBe(700);
    expect(s.lowest90).toBe(700);
    // Last 30 days: 9 days at 1000, 20 at 800, 1 at 700 → median 800.
    expect(s.typical).toBe(800);
    expect(s.typicalDays).toBe(30);
    expect(s.changeVsTypicalPct).toBeCloseTo(-12.5);
    expect(s.isAllTimeLow).toBe(true);
    expect(s.lowestInDays).toBe(90);
    expect(s.lowerPriceDaysAgo).toBeNull();
  });

  it('lowest 30/90 days ignore older lows', () => {
    const prices = [500, ...Array(99).fill(1000), 900];
    const s = summarizeObservations(series(prices))!;
    expect(s.lowestEver).toBe(500);
    expect(s.lowest90).toBe(900);
    expect(s.lowest30).toBe(900);
    expect(s.lowestInDays).toBe(90);
    expect(s.lowerPriceDaysAgo).toBe(100);
    expect(s.isAllTimeLow).toBe(false);
  });

  it('badge needs history covering the whole window', () => {
    const s = summarizeObservations(series([1000, 1000, 900]))!;
    expect(s.lowestInDays).toBeNull();
    const s2 = summarizeObservations(series([...Array(10).fill(1000), 900]))!;
    expect(s2.lowestInDays).toBe(7);
  });

  it('typical carries a held price across days without reads', () => {
    // Seen at 1000 once 29 days ago, then at 800 on the last 3 days: the price held 1000 for 27 days.
    const s = summarizeObservations([obs(0, 1000), obs(27, 800), obs(28, 800), obs(29, 800)])!;
    expect(s.typical).toBe(1000);
    expect(s.typicalDays).toBe(30);
  });

  it('a day’s price is the median of its reads, so one misread does not move typical', () => {
    const reads = series(Array(30).fill(1000));
    reads.push(
      obs(15, 10, { observedAt: T0 + 15 * DAY_MS + 1000 }),
      obs(15, 1000, { observedAt: T0 + 15 * DAY_MS + 2 }),
    );
    const s = summarizeObservations(reads)!;
    expect(s.typical).toBe(1000);
    expect(s.lowestEver).toBe(10);
  });

  it('leaves out new-user-price reads by default', () => {
    const reads = [...series(Array(40).fill(1000)), obs(40, 100, { flags: ['new-user-price'] })];
    const s = summarizeObservations(reads)!;
    expect(s.current?.price).toBe(1000);
    expect(s.lowestEver).toBe(1000);
    const withFlagged = summarizeObservations(reads, { excludeFlags: [] })!;
    expect(withFlagged.current?.price).toBe(100);
  });

  it('landed price adds shipping where known', () => {
    const reads = [obs(0, 1000, { shipping: 200 }), obs(1, 1100, { shipping: 0 }), obs(2, 900)];
    const landed = summarizeObservations(reads, { landed: true })!;
    expect(landed.highestEver).toBe(1200);
    expect(landed.current).toMatchObject({ price: 900, shippingKnown: false });
    const bare = summarizeObservations(reads)!;
    expect(bare.highestEver).toBe(1100);
  });

  it('respects `now`', () => {
    const s = summarizeObservations(series([1000, 900, 800]), { now: T0 + DAY_MS })!;
    expect(s.current?.price).toBe(900);
    expect(s.asOfDay).toBe(utcDay(T0 + DAY_MS));
  });

  it('returns null without usable reads', () => {
    expect(summarizeObservations([])).toBeNull();
    expect(summarizeObservations([obs(0, 100, { flags: ['new-user-price'] })])).toBeNull();
  });

  const arbPrices = fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 200 });

  it('property: lowestEver ≤ lowest90 ≤ lowest30 ≤ current ≤ highestEver', () => {
    fc.assert(
      fc.property(arbPrices, (prices) => {
        const s = summarizeObservations(series(prices))!;
        const cur = s.current!.price;
        expect(s.lowestEver).toBeLessThanOrEqual(s.lowest90!);
        expect(s.lowest90!).toBeLessThanOrEqual(s.lowest30!);
        expect(s.lowest30!).toBeLessThanOrEqual(cur);
        expect(cur).toBeLessThanOrEqual(s.highestEver);
        expect(s.typical!).toBeGreaterThanOrEqual(s.lowest30!);
        expect(s.typical!).toBeLessThanOrEqual(s.highestEver);
      }),
    );
  });

  it('property: the badge is honest — history covers the window and nothing in it was cheaper', () => {
    fc.assert(
      fc.property(arbPrices, (prices) => {
        const s = summarizeObservations(series(prices))!;
        if (s.lowestInDays == null) return;
        expect(prices.length).toBeGreaterThanOrEqual(s.lowestInDays);
        const window = prices.slice(prices.length - s.lowestInDays);
        expect(Math.min(...window)).toBe(s.current!.price);
      }),
    );
  });

  it('property: the order reads arrive in does not matter', () => {
    fc.assert(
      fc.property(arbPrices, fc.integer(), (prices, seed) => {
        const reads = series(prices);
        const shuffled = [...reads].sort(
          (a, b) => ((a.observedAt * 7919 + seed) % 101) - ((b.observedAt * 7919 + seed) % 101),
        );
        expect(summarizeObservations(shuffled)).toEqual(summarizeObservations(reads));
      }),
    );
  });

  it('property: adding new-user-price reads changes nothing', () => {
    fc.assert(
      fc.property(arbPrices, fc.array(fc.nat({ max: 199 })), (prices, at) => {
        const reads = series(prices);
        const flagged = at.map((d) =>
          obs(d, 1, { flags: ['new-user-price'], observedAt: T0 + d * DAY_MS + 5 }),
        );
        const base = summarizeObservations(reads, { now: T0 + prices.length * DAY_MS });
        expect(summarizeObservations([...reads, ...flagged], { now: T0 + prices.length * DAY_MS })).toEqual(
          base,
        );
      }),
    );
  });
});

describe('discountVerdict (EU Omnibus)', () => {
  const daily = (prices: number[]): DailyPoint[] =>
    prices.map((p, i) => ({ day: addDays('2026-01-01', i), min: p, median: p, max: p, count: 1 }));
  const today = (prices: number[]) => addDays('2026-01-01', prices.length - 1);

  it('real: below the lowest price of the 30 days before the sale', () => {
    const prices = [...Array(60).fill(1000), 700];
    const v = discountVerdict(daily(prices), { price: 700, originalPrice: 1000, day: today(prices) });
    expect(v.kind).toBe('real');
    expect(v.reference).toBe(1000);
    expect(v.realPct).toBeCloseTo(30);
    expect(v.claimedPct).toBeCloseTo(30);
  });

  it('inflated: the struck-through price was never observed', () => {
    const prices = [...Array(60).fill(1000), 700];
    const v = discountVerdict(daily(prices), { price: 700, originalPrice: 2000, day: today(prices) });
    expect(v.kind).toBe('inflated');
    expect(v.claimedPct).toBeCloseTo(65);
    expect(v.realPct).toBeCloseTo(30);
  });

  it('inflated: a permanent "sale" whose original price never existed', () => {
    const prices = Array(60).fill(700);
    expect(discountVerdict(daily(prices), { price: 700, originalPrice: 1400, day: today(prices) }).kind).toBe(
      'inflated',
    );
  });

  it('not-a-discount: the price was raised before the "sale" (the reference is the earlier low)', () => {
    // 40 days at 700, raised to 1000 for 10 days, then "30% off" back to 700.
    const prices = [...Array(40).fill(700), ...Array(10).fill(1000), 700];
    const v = discountVerdict(daily(prices), { price: 700, originalPrice: 1000, day: today(prices) });
    expect(v.kind).toBe('not-a-discount');
    expect(v.reference).toBe(700);
  });

  it('the reference is taken before the sale began, so a sale running for days stays real', () => {
    const prices = [...Array(60).fill(1000), ...Array(5).fill(700)];
    const v = discountVerdict(daily(prices), { price: 700, originalPrice: 1000, day: today(prices) });
    expect(v.kind).toBe('real');
    expect(v.reference).toBe(1000);
  });

  it('insufficient-data with short history; none without a struck-through price', () => {
    const prices = [1000, 700];
    expect(discountVerdict(daily(prices), { price: 700, originalPrice: 1000, day: today(prices) }).kind).toBe(
      'insufficient-data',
    );
    expect(discountVerdict(daily(prices), { price: 700, originalPrice: null, day: today(prices) }).kind).toBe(
      'none',
    );
    expect(discountVerdict(daily(prices), { price: 700, originalPrice: 700, day: today(prices) }).kind).toBe(
      'none',
    );
  });

  it('tolerates currency-conversion wobble when matching the original price', () => {
    const prices = [...Array(60).fill(990), 700];
    expect(discountVerdict(daily(prices), { price: 700, originalPrice: 1000, day: today(prices) }).kind).toBe(
      'real',
    );
  });

  it('summary carries the verdict of the latest read', () => {
    const reads = [...series(Array(60).fill(1000)), obs(60, 700, { originalPrice: 2500 })];
    expect(summarizeObservations(reads)!.verdict.kind).toBe('inflated');
  });

  it('property: "real" only when the price is below the prior-30-day low; "inflated" only when never seen', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 100, max: 2000 }), { minLength: 30, maxLength: 120 }),
        fc.integer({ min: 100, max: 4000 }),
        (prices, original) => {
          const days = daily(prices);
          const price = prices[prices.length - 1]!;
          const v = discountVerdict(days, { price, originalPrice: original, day: today(prices) });
          if (v.kind === 'real') expect(price).toBeLessThan(v.reference!);
          if (v.kind === 'inflated') expect(Math.max(...prices)).toBeLessThan(original * 0.98);
          if (original <= price) expect(v.kind).toBe('none');
          if (original > price && Math.max(...prices) < original * 0.98) expect(v.kind).toBe('inflated');
        },
      ),
    );
  });
});

describe('summarizeDays (API rollups)', () => {
  it('uses the latest day median as current when no read is given', () => {
    const days: DailyPoint[] = [
      { day: '2026-01-01', min: 900, median: 1000, max: 1100, count: 5 },
      { day: '2026-01-03', min: 700, median: 800, max: 900, count: 3 },
    ];
    const s = summarizeDays(days)!;
    expect(s.current?.price).toBe(800);
    expect(s.lowestEver).toBe(700);
    expect(s.asOfDay).toBe('2026-01-03');
    // Jan 1 = 1000, Jan 2 carried = 1000, Jan 3 = 800.
    expect(s.typical).toBe(1000);
    expect(summarizeDays([])).toBeNull();
  });
});
