import { describe, expect, it } from 'vitest';
import { isoDay } from '../../shared/predict/daily.ts';
import { parseCsv } from './csv.ts';
import { loadCommittedPredictor } from './load-model.ts';
import { predictCsv, seriesFromCsv } from './predict-csv.ts';

// Product "daily": 40 daily rows. Product "events": 3 price changes over 45 days, one day unavailable.
// Product "young": 10 days of history only (never enough). Dates are 2025-01-01 + n.
const day = (n: number) => isoDay(20089 + n);
const csv = [
  'product_id,date,price',
  ...Array.from({ length: 40 }, (_, n) => `daily,${day(n)},${n % 10 === 9 ? '17.99' : '19.99'}`),
  `events,${day(0)},5.00`,
  `events,${day(20)},4.50`,
  `events,${day(31)},`,
  `events,${day(32)},5.00`,
  `"young",${day(30)},1.00`,
].join('\n');

describe('predict CSV', () => {
  it('reads daily and event-level rows into daily series that run to the file’s last date', () => {
    const series = seriesFromCsv(csv);
    expect(series.get('daily')!.prices).toHaveLength(40);
    const events = series.get('events')!.prices;
    expect(events).toHaveLength(40);
    expect(events[19]).toBe(500);
    expect(events[20]).toBe(450);
    expect(events[31]).toBeNull();
    expect(events[39]).toBe(500);
  });

  it('writes p_drop for every day with a price and ≥ 30 days of history, from the committed model', async () => {
    const out = parseCsv((await predictCsv(csv, await loadCommittedPredictor())).trim());
    expect(out[0]).toEqual(['product_id', 'date', 'p_drop']);
    const rows = out.slice(1);
    const byProduct = (id: string) => rows.filter((r) => r[0] === id);
    // Days 29..39 (history ≥ 30 days): 11 days; "events" has no price on day 31.
    expect(byProduct('daily').map((r) => r[1])).toEqual(Array.from({ length: 11 }, (_, k) => day(29 + k)));
    expect(byProduct('events')).toHaveLength(10);
    expect(byProduct('events').map((r) => r[1])).not.toContain(day(31));
    expect(byProduct('young')).toHaveLength(0);
    for (const r of rows) {
      const p = Number(r[2]);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('answers from the steady (groceries-calibrated) model on request, with other probabilities', async () => {
    const saleDriven = parseCsv((await predictCsv(csv, await loadCommittedPredictor())).trim());
    const steady = parseCsv((await predictCsv(csv, await loadCommittedPredictor('steady'))).trim());
    expect(steady.map((r) => r.slice(0, 2))).toEqual(saleDriven.map((r) => r.slice(0, 2)));
    expect(steady.slice(1).map((r) => r[2])).not.toEqual(saleDriven.slice(1).map((r) => r[2]));
  });

  it('rejects a row whose price is not a number', () => {
    expect(() => seriesFromCsv('product_id,date,price\na,2025-01-01,abc')).toThrow(/row 2/);
  });
});
