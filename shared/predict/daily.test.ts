import { describe, expect, it } from 'vitest';
import { dailyPointsToSeries, dayNumber, eventsToDaily, isoDay } from './daily.ts';

describe('eventsToDaily', () => {
  it('holds each price until the next event, unavailable as null, through the end day', () => {
    const d0 = dayNumber('2025-07-15');
    const series = eventsToDaily(
      [
        { day: d0 + 3, price: 800 },
        { day: d0, price: 1000 },
        { day: d0 + 5, price: null },
        { day: d0 + 6, price: 1000 },
      ],
      d0 + 7,
    );
    expect(series).toEqual({ startDay: d0, prices: [1000, 1000, 1000, 800, 800, null, 1000, 1000] });
  });

  it('takes the last event listed on a day as that day’s price', () => {
    expect(
      eventsToDaily(
        [
          { day: 10, price: 5 },
          { day: 10, price: 7 },
        ],
        11,
      ).prices,
    ).toEqual([7, 7]);
  });

  it('round-trips ISO days', () => {
    expect(isoDay(dayNumber('2023-05-15'))).toBe('2023-05-15');
  });

  it('fills gaps between daily rollups with the last median', () => {
    const series = dailyPointsToSeries(
      [
        { day: '2025-01-01', min: 90, median: 100, max: 110, count: 3 },
        { day: '2025-01-03', min: 80, median: 80, max: 80, count: 1 },
      ],
      '2025-01-05',
    );
    expect(series.prices).toEqual([100, 100, 80, 80, 80]);
  });
});
