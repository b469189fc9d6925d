import { describe, expect, it } from 'vitest';
import { NO_CALENDAR } from '../../shared/predict/calendar.ts';
import { MIN_HISTORY_DAYS } from '../../shared/predict/features.ts';
import type { Source } from './datasets.ts';
import { heldOutIntents, testWindows } from './pipeline.ts';
import { buildRows } from './rows.ts';

describe('walk-forward test windows (eval:predict tests on them, eval:predict:ceiling fits on them)', () => {
  it("Steam's: three 7-day windows ending on the last labelled day, earliest first", () => {
    // Steam runs 2025-07-15 … 10-16 (source days 0–93); with h = 14 the last knowable label is day 79.
    expect(testWindows(79, 7, 3)).toEqual([
      [59, 65],
      [66, 72],
      [73, 79],
    ]);
  });

  it('any shape: consecutive, non-overlapping, `window` days each, the last ending on lastLabelledDay', () => {
    for (const [last, window, folds] of [
      [143, 14, 3],
      [50, 5, 1],
      [200, 1, 7],
    ] as const) {
      const w = testWindows(last, window, folds);
      expect(w).toHaveLength(folds);
      expect(w.at(-1)![1]).toBe(last);
      for (const [k, [from, to]] of w.entries()) {
        expect(to - from + 1).toBe(window);
        if (k > 0) expect(from).toBe(w[k - 1]![1] + 1);
      }
    }
  });

  it('held-out intents: only rows of the window, with a knowable label and ≥ 30 days of history', () => {
    // Two products: one from source day 0, one starting on day 20 (younger than 30 days in the window), 60 days
    // long; a price step every 10 days so labels vary. h = 14: the last knowable label is day 45.
    const series = (startDay: number, length: number) => ({
      startDay,
      prices: Array.from({ length }, (_, i) => (i % 10 < 5 ? 1000 : 900) as number | null),
    });
    const source: Source = {
      name: 'synthetic',
      products: [
        { id: 'a', series: series(20_000, 60) },
        { id: 'b', series: series(20_020, 40) },
      ],
      totalProducts: 2,
      calendar: NO_CALENDAR,
    };
    const rows = buildRows(source, 14, 0.05);
    expect(rows.lastLabelledDay).toBe(45);
    const [window] = testWindows(rows.lastLabelledDay, 7, 1);
    expect(window).toEqual([39, 45]);
    const intents = heldOutIntents(rows, window!);
    // Product a: days 39–45, all with ≥ 30 days of history; product b (t = day − 20 ≤ 25) has too little.
    expect(intents.map((i) => [rows.product[i], rows.day[i]])).toEqual(
      [39, 40, 41, 42, 43, 44, 45].map((d) => [0, d]),
    );
    for (const i of intents) {
      expect(rows.y[i]).not.toBe(255);
      expect(rows.t[i]! + 1).toBeGreaterThanOrEqual(MIN_HISTORY_DAYS);
    }
  });
});
