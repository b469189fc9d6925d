import { describe, expect, it, vi } from 'vitest';
import { loadCommittedPredictor } from '../../scripts/predict/load-model.ts';
import type { HistoryDay } from '../../shared/api.ts';
import { dailyPointsToSeries, dayNumber, isoDay } from '../../shared/predict/daily.ts';
import { communitySeries, predictCommunity } from './prediction.ts';
import { predictionWords } from './prediction-text.ts';

const TODAY = '2026-03-20';

/** `n` community days ending `gapAtEnd` days before TODAY, €79.99 then €97.39 for the last ten. */
function communityDays(n: number, gapAtEnd = 0): HistoryDay[] {
  const last = dayNumber(TODAY) - gapAtEnd;
  return Array.from({ length: n }, (_, k) => {
    const median = k < n - 10 ? '79.99' : '97.39';
    return {
      day: isoDay(last - (n - 1 - k)),
      min: median,
      median,
      max: median,
      observations: 2,
      contributors: 2,
      confirmed: true,
    };
  });
}

describe('communitySeries', () => {
  it('is the series the extension builds from the same daily medians (minor units, carried forward to today)', () => {
    const days = communityDays(40, 3).filter((_, k) => k !== 5); // a day nobody reported
    const series = communitySeries(days, 'EUR', TODAY);
    const points = days.map((d) => ({
      day: d.day,
      min: 0,
      median: Math.round(Number(d.median) * 100),
      max: 0,
      count: 2,
    }));
    expect(series).toEqual(dailyPointsToSeries(points, TODAY));
    expect(series.prices.at(-1)).toBe(9739);
    expect(series.prices[5]).toBe(7999);
    expect(series.startDay + series.prices.length - 1).toBe(dayNumber(TODAY));
  });

  it('reads yen without decimals', () => {
    const days = communityDays(3).map((d) => ({ ...d, median: '1200' }));
    expect(communitySeries(days, 'JPY', TODAY).prices).toEqual([1200, 1200, 1200]);
  });
});

describe('predictCommunity', () => {
  it('says "too little history" without loading the model', async () => {
    const load = vi.fn(loadCommittedPredictor);
    const answer = await predictCommunity(communityDays(12), 'EUR', TODAY, load);
    expect(answer.prediction).toMatchObject({ kind: 'too-little-history', historyDays: 12, neededDays: 30 });
    expect(answer.heldOutSources).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });

  it("answers with the browser's model on the community series, with the held-out record", async () => {
    const days = communityDays(45);
    const answer = await predictCommunity(days, 'EUR', TODAY, () => loadCommittedPredictor());
    const reference = await (await loadCommittedPredictor()).predict(communitySeries(days, 'EUR', TODAY));
    expect(answer.prediction).toEqual(reference);
    if (answer.prediction.kind !== 'prediction') throw new Error(answer.prediction.kind);
    expect(answer.prediction.headline).toMatch(/^(Wait|Buy now) — /);
    expect(predictionWords.heldOutLines(answer.heldOutSources).join('\n')).toMatch(
      /Steam games: AUC \d\.\d\d/,
    );
  });
});
