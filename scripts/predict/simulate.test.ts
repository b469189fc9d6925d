import { describe, expect, it } from 'vitest';
import { NO_CALENDAR } from '../../shared/predict/calendar.ts';
import { eventsToDaily } from '../../shared/predict/daily.ts';
import type { Product } from './datasets.ts';
import { buildRows } from './rows.ts';
import { alwaysWait, buyNow, modelPolicy, perfectForesight, simulate, summarize } from './simulate.ts';

// One product: 100 on days 0–19, 90 on days 20–22, then 120.
const prices = [...Array(20).fill(100), 90, 90, 90, ...Array(10).fill(120)];
const products: Product[] = [
  {
    id: 'a',
    series: eventsToDaily(
      prices.map((price, day) => ({ day, price })),
      prices.length - 1,
    ),
  },
];
const rows = buildRows({ name: 'toy', products, totalProducts: 1, calendar: NO_CALENDAR }, 5, 0.05);
const rowAt = (t: number) => rows.rowOf[0]![t]!;
const intents = [rowAt(18), rowAt(22)];

describe('simulate', () => {
  it('buying now saves nothing', () => {
    expect([...simulate(rows, products, intents, buyNow, 5).savings]).toEqual([0, 0]);
  });

  it('waiting to the horizon pays the price then, and a rise counts as a loss', () => {
    const wait = simulate(rows, products, intents, alwaysWait, 5);
    expect(wait.savings[0]).toBeCloseTo(-0.2, 12);
    expect(wait.savings[1]).toBeCloseTo(1 - 120 / 90, 12);
    expect([...wait.daysWaited]).toEqual([5, 5]);
  });

  it('a policy is asked again each day and buys on its first "buy"', () => {
    const cheapDays = new Float64Array(rows.n).fill(1);
    for (const t of [20, 21, 22]) cheapDays[rowAt(t)] = 0;
    const out = simulate(rows, products, [rowAt(18)], modelPolicy(cheapDays, 0.5), 5);
    expect(out.savings[0]).toBeCloseTo(0.1, 12);
    expect(out.daysWaited[0]).toBe(2);
  });

  it('perfect foresight buys at the horizon’s lowest price, and summaries compare against it', () => {
    const pf = perfectForesight(rows, products, intents, 5);
    expect(pf.savings[0]).toBeCloseTo(0.1, 12);
    expect(pf.savings[1]).toBe(0);
    const summary = summarize(simulate(rows, products, intents, alwaysWait, 5), pf);
    expect(summary.loseOver5).toBe(1);
    expect(summary.meanDaysWaited).toBe(5);
    expect(summary.captured).toBeCloseTo((-0.2 + 1 - 120 / 90) / 0.1, 9);
  });
});
