import type { HistoryResponse } from '../../shared/api.ts';
import { strictDecimalToMinor } from '../../shared/api-money.ts';
import { type DailyPoint, dayStartMs } from '../../shared/history.ts';

/** One published community day, money in minor units. */
export interface CommunityDay extends DailyPoint {
  contributors: number;
  confirmed: boolean;
}

export interface MergedDay extends DailyPoint {
  source: 'own' | 'community';
}

/** The API's decimal strings → minor units; a day whose money does not parse is left out, not guessed. */
export function communityDaysOf(res: HistoryResponse): CommunityDay[] {
  const out: CommunityDay[] = [];
  for (const d of res.days) {
    const min = strictDecimalToMinor(d.min, res.currency);
    const median = strictDecimalToMinor(d.median, res.currency);
    const max = strictDecimalToMinor(d.max, res.currency);
    if (min == null || median == null || max == null) continue;
    out.push({
      day: d.day,
      min,
      median,
      max,
      count: d.observations,
      contributors: d.contributors,
      confirmed: d.confirmed,
    });
  }
  return out;
}

/**
 * The shopper's own days win: they saw those prices themselves (and the community day may be built from the same
 * reads). Community days fill the days they were not looking. Oldest first.
 */
export function mergeDays(own: readonly DailyPoint[], community: readonly DailyPoint[]): MergedDay[] {
  const byDay = new Map<string, MergedDay>();
  for (const d of community) byDay.set(d.day, { ...d, source: 'community' });
  for (const d of own) byDay.set(d.day, { ...d, source: 'own' });
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Where a community day sits on the time axis: midday UTC, so it lands inside its day in every time zone's view. */
export const communityPointTime = (day: string) => dayStartMs(day) + 12 * 3_600_000;
