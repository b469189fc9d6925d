/**
 * The robust daily aggregate of one series: what the API publishes for a day, given every read of that day.
 * Pure, so the rules can be tested without a database.
 *
 * 1. Reads whose price is not one the public can pay (new-user price, out of stock, unreachable) are left out.
 * 2. Each contributor gets one vote: the median of their own reads. A single credential cannot outvote others by
 *    uploading many distinct prices.
 * 3. A vote far from the last confirmed median needs a second contributor who agrees with it; alone it waits.
 * 4. Median + MAD outlier rejection over the remaining votes; the published median is that of the inliers.
 */
import type { ExtractFlag } from '../../shared/extract/types.ts';
import { median } from '../../shared/history.ts';

export const AGGREGATE_RULES = {
  excludedFlags: ['new-user-price', 'out-of-stock', 'unreachable'] as readonly ExtractFlag[],
  /** Relative distance from the last confirmed median beyond which a vote needs a second contributor. */
  farRatio: 0.25,
  /** Two far votes within this relative distance of each other agree. */
  agreeRatio: 0.02,
  /** Inlier band: |vote − median| ≤ max(madK × 1.4826 × MAD, floorRatio × median). */
  madK: 3,
  /** Scales the MAD to a standard deviation for normally distributed votes. */
  madScale: 1.4826,
  floorRatio: 0.05,
} as const;

export interface DayRead {
  contributorId: number;
  price: number;
  flags: readonly string[];
}

export interface DayAggregate {
  minPrice: number;
  medianPrice: number;
  maxPrice: number;
  observations: number;
  contributors: number;
  confirmed: boolean;
  flagged: boolean;
}

interface Vote {
  price: number;
  reads: number;
  flagged: boolean;
}

/**
 * A read that counts toward the day (its flags do not exclude it); `flagged` when it carries any other flag.
 * The rollup row keeps exactly these (rollup.ts), so a day can be re-aggregated without its raw rows.
 */
export interface CountedRead {
  contributorId: number;
  price: number;
  flagged: boolean;
}

/** Step 1: the reads that count. */
export function countedReads(reads: readonly DayRead[]): CountedRead[] {
  const excluded = AGGREGATE_RULES.excludedFlags as readonly string[];
  return reads
    .filter((r) => !r.flags.some((f) => excluded.includes(f)))
    .map((r) => ({ contributorId: r.contributorId, price: r.price, flagged: r.flags.length > 0 }));
}

/** `reference` is the last confirmed daily median before this day (null when there is none). */
export function aggregateDay(reads: readonly DayRead[], reference: number | null): DayAggregate | null {
  return aggregateCounted(countedReads(reads), reference);
}

/** Steps 2–4 over the reads that count. */
export function aggregateCounted(
  reads: readonly CountedRead[],
  reference: number | null,
): DayAggregate | null {
  const byContributor = new Map<number, { prices: number[]; flagged: boolean }>();
  for (const r of reads) {
    const entry = byContributor.get(r.contributorId) ?? { prices: [], flagged: false };
    entry.prices.push(r.price);
    entry.flagged ||= r.flagged;
    byContributor.set(r.contributorId, entry);
  }
  let votes: Vote[] = [...byContributor.values()].map((e) => ({
    price: median(e.prices),
    reads: e.prices.length,
    flagged: e.flagged,
  }));

  if (reference != null && reference > 0) {
    const isFar = (p: number) => Math.abs(p - reference) / reference > AGGREGATE_RULES.farRatio;
    const far = votes.filter((v) => isFar(v.price));
    votes = votes.filter(
      (v) =>
        !isFar(v.price) ||
        far.some((o) => o !== v && Math.abs(o.price - v.price) / v.price <= AGGREGATE_RULES.agreeRatio),
    );
  }
  if (votes.length === 0) return null;

  const m = median(votes.map((v) => v.price));
  const mad = median(votes.map((v) => Math.abs(v.price - m)));
  const band = Math.max(
    AGGREGATE_RULES.madK * AGGREGATE_RULES.madScale * mad,
    AGGREGATE_RULES.floorRatio * m,
  );
  const inliers = votes.filter((v) => Math.abs(v.price - m) <= band);
  const prices = inliers.map((v) => v.price);
  return {
    // Min and max of votes, not of raw reads: one contributor's stray read must not become the day's low.
    minPrice: Math.min(...prices),
    medianPrice: median(prices),
    maxPrice: Math.max(...prices),
    observations: inliers.reduce((n, v) => n + v.reads, 0),
    contributors: inliers.length,
    confirmed: inliers.length >= 2,
    flagged: inliers.some((v) => v.flagged),
  };
}
