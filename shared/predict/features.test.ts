import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_CALENDAR, nextSaleEvent, STEAM_CALENDAR } from './calendar.ts';
import { type DailySeries, dayNumber } from './daily.ts';
import { computeFeatures, FEATURE_COUNT, FEATURE_NAMES } from './features.ts';

const priceArb = fc.option(fc.integer({ min: 1, max: 1_000_000 }), { freq: 6 });

/** A series with a price on day t, plus t. */
const seriesAtArb = fc
  .record({
    startDay: fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2030-12-31') }),
    prices: fc.array(priceArb, { minLength: 1, maxLength: 200 }),
    todayPrice: fc.integer({ min: 1, max: 1_000_000 }),
    tFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ startDay, prices, todayPrice, tFraction }) => {
    const t = Math.min(prices.length - 1, Math.floor(tFraction * prices.length));
    const withToday = [...prices];
    withToday[t] = todayPrice;
    return { series: { startDay, prices: withToday } satisfies DailySeries, t };
  });

function named(values: number[]): Record<string, number> {
  return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, values[i]!]));
}

describe('computeFeatures', () => {
  it('never looks ahead: changing, removing or adding days after t leaves the features at t unchanged', () => {
    fc.assert(
      fc.property(seriesAtArb, fc.array(priceArb, { maxLength: 120 }), ({ series, t }, future) => {
        const before = computeFeatures(series, t);
        const rewritten: DailySeries = { ...series, prices: [...series.prices.slice(0, t + 1), ...future] };
        expect(computeFeatures(rewritten, t)).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('gives finite values of the declared length for any series', () => {
    fc.assert(
      fc.property(seriesAtArb, ({ series, t }) => {
        const f = computeFeatures(series, t);
        expect(f).toHaveLength(FEATURE_COUNT);
        for (const v of f) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is scale-free: the same shape in cents or in yen gives the same features', () => {
    fc.assert(
      fc.property(seriesAtArb, fc.integer({ min: 2, max: 1000 }), ({ series, t }, k) => {
        const scaled = { ...series, prices: series.prices.map((p) => (p == null ? null : p * k)) };
        const a = computeFeatures(series, t);
        const b = computeFeatures(scaled, t);
        for (const [i, v] of a.entries()) expect(b[i]).toBeCloseTo(v, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('describes a hand-made history correctly', () => {
    // 40 days at 1000, a 20% sale for 5 days, back to 1000 for 5 days, then 900 today (day 50).
    const prices: number[] = [...Array(40).fill(1000), ...Array(5).fill(800), ...Array(5).fill(1000), 900];
    const series: DailySeries = { startDay: dayNumber('2025-09-01'), prices };
    const t = prices.length - 1;
    const f = named(computeFeatures(series, t));
    expect(f.vsMedian30).toBeCloseTo(900 / 1000 - 1, 12);
    expect(f.vsMin30).toBeCloseTo(900 / 800 - 1, 12);
    expect(f.vsMax7).toBeCloseTo(900 / 1000 - 1, 12);
    expect(f.daysSinceChange).toBe(0);
    expect(f.lastChangeDirection).toBe(-1);
    expect(f.daysSinceLow).toBe(6); // the sale's last day was index 44
    expect(f.drops90).toBe(2);
    expect(f.meanDropDepth90).toBeCloseTo((0.2 + 0.1) / 2, 12);
    const today = series.startDay + t;
    expect(f.daysToSaleEvent).toBe(Math.min(60, nextSaleEvent(today)!.day - today));
    expect(nextSaleEvent(today)?.name).toBe('11.11');
    expect(f.daysToSaleEvent).toBe(dayNumber('2025-11-11') - today);
  });

  it('reports an unchanged price as the cap, not the series age (which would be a date stamp)', () => {
    const f = (days: number) =>
      named(computeFeatures({ startDay: 0, prices: Array(days).fill(500) }, days - 1));
    expect(f(20).daysSinceChange).toBe(30);
    expect(f(80).daysSinceChange).toBe(30);
    expect(f(20).lastChangeDirection).toBe(0);
  });

  it('counts Black Friday on the Friday after the fourth Thursday of November', () => {
    expect(nextSaleEvent(dayNumber('2025-11-12'))).toEqual({
      name: 'Black Friday',
      day: dayNumber('2025-11-28'),
    });
    expect(nextSaleEvent(dayNumber('2026-11-12'))?.day).toBe(dayNumber('2026-11-27'));
    expect(nextSaleEvent(dayNumber('2025-12-13'))?.name).toBe('Anniversary sale');
  });

  it("reads each store's own calendar: Steam's seasonal sales, none for the groceries", () => {
    const series: DailySeries = { startDay: dayNumber('2025-08-01'), prices: Array(50).fill(1999) };
    const t = 49; // 2025-09-19: the Steam Autumn Sale starts 2025-09-29, AliExpress's 11.11 is 53 days away
    expect(named(computeFeatures(series, t, STEAM_CALENDAR)).daysToSaleEvent).toBe(10);
    expect(named(computeFeatures(series, t, STEAM_CALENDAR)).daysSinceSaleEvent).toBe(60); // summer: 85 days ago
    expect(named(computeFeatures(series, t)).daysToSaleEvent).toBe(53);
    expect(named(computeFeatures(series, t, NO_CALENDAR)).daysToSaleEvent).toBe(60);
    expect(named(computeFeatures(series, t, NO_CALENDAR)).daysSinceSaleEvent).toBe(60);
    expect(nextSaleEvent(dayNumber('2025-09-29'), STEAM_CALENDAR)?.name).toBe('Steam Autumn Sale');
  });

  it('refuses a day without a price', () => {
    expect(() => computeFeatures({ startDay: 0, prices: [100, null] }, 1)).toThrow(/no price/);
  });
});
