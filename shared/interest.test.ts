import { describe, expect, it } from 'vitest';
import {
  dwellFromReads,
  gotCheaper,
  type InterestSignals,
  interestScore,
  priceDropPct,
  rankByInterest,
} from './interest.ts';

const NOW = Date.UTC(2026, 10, 25);
const DAY = 86_400_000;
const base: InterestSignals = {
  lastSeenAt: NOW,
  views: 1,
  dwellMs: 0,
  watched: false,
  firstPrice: 1000,
  lastPrice: 1000,
};

describe('interestScore', () => {
  it('halves the engagement part every 14 days without a visit', () => {
    const fresh = interestScore(base, NOW);
    const old = interestScore({ ...base, lastSeenAt: NOW - 14 * DAY }, NOW);
    expect(old).toBeCloseTo(fresh / 2, 10);
  });

  it('grows with views, dwell, a watch and a price drop', () => {
    const s = interestScore(base, NOW);
    expect(interestScore({ ...base, views: 5 }, NOW)).toBeGreaterThan(s);
    expect(interestScore({ ...base, dwellMs: 10 * 60_000 }, NOW)).toBeGreaterThan(s);
    expect(interestScore({ ...base, watched: true }, NOW)).toBe(s + 2);
    expect(interestScore({ ...base, lastPrice: 800 }, NOW)).toBeCloseTo(s + 2, 10);
  });

  it('does not punish a price rise beyond ignoring it', () => {
    expect(interestScore({ ...base, lastPrice: 2000 }, NOW)).toBe(interestScore(base, NOW));
  });
});

describe('rankByInterest and gotCheaper', () => {
  it('puts a watched product seen last week above one glanced at today', () => {
    const glanced = { ...base, id: 'a' };
    const watched = { ...base, id: 'b', watched: true, views: 3, lastSeenAt: NOW - 7 * DAY };
    expect(rankByInterest([glanced, watched], NOW).map((x) => x.id)).toEqual(['b', 'a']);
  });

  it('breaks ties by the latest visit', () => {
    // Ages under a millisecond apart give equal scores in floating point; the later visit still wins.
    const older = { ...base, id: 'old', watched: true, lastSeenAt: NOW + DAY };
    const newer = { ...base, id: 'new', watched: true, lastSeenAt: NOW + 2 * DAY };
    expect(rankByInterest([older, newer], NOW).map((x) => x.id)).toEqual(['new', 'old']);
  });

  it('lists only products cheaper than when first seen, biggest drop first', () => {
    const items = [
      { ...base, id: 'same' },
      { ...base, id: 'small', lastPrice: 950 },
      { ...base, id: 'big', lastPrice: 500 },
      { ...base, id: 'up', lastPrice: 1500 },
      { ...base, id: 'unknown', firstPrice: null },
    ];
    expect(gotCheaper(items).map((x) => x.id)).toEqual(['big', 'small']);
    expect(priceDropPct({ firstPrice: 1000, lastPrice: 500 })).toBe(50);
  });
});

describe('dwellFromReads', () => {
  it('sums each visit and ignores the gaps between visits', () => {
    const m = 60_000;
    expect(dwellFromReads([0, 5 * m, 2 * m, 100 * m, 103 * m])).toBe(8 * m);
    expect(dwellFromReads([])).toBe(0);
    expect(dwellFromReads([42])).toBe(0);
  });
});
