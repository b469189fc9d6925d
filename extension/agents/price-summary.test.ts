import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CompanionDb, openDb } from '../db.ts';
import { okResult } from '../test-results.ts';
import { recordExtraction } from './caching.ts';
import { priceSummary } from './price-summary.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 10);
const PRODUCT = '1005012410104961';

describe('price summary for the popup', () => {
  let db: CompanionDb;
  beforeEach(() => {
    db = openDb(`test-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  async function visit(day: number, price: number, original: number | null, flags: string[] = []) {
    const result = okResult({
      price: { min: price, max: price },
      originalPrice: original == null ? null : { min: original, max: original },
      flags: flags as never,
    });
    await recordExtraction(db, result, { now: T0 + day * DAY, trigger: 'load', tabUrl: null });
  }

  it('judges the latest read against the stored history (flags and struck-through price included)', async () => {
    for (let d = 0; d < 40; d++) await visit(d, 30_000_000, 60_000_000);
    await visit(40, 1_000_000, 60_000_000, ['new-user-price']);
    await visit(40.5, 25_000_000, 60_000_000);
    const s = await priceSummary(db, PRODUCT, T0 + 41 * DAY);
    expect(s?.current?.price).toBe(25_000_000);
    expect(s?.lowestEver).toBe(25_000_000); // the new-user read is left out
    expect(s?.lowestInDays).toBe(30);
    expect(s?.typical).toBe(30_000_000);
    expect(s?.verdict.kind).toBe('inflated'); // 600 000 Rp never seen
  });

  it('is null for an unknown product', async () => {
    expect(await priceSummary(db, '1', T0)).toBeNull();
  });
});
