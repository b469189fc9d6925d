/**
 * The set-based recomputation in rollup.ts must publish exactly what `aggregateDay` (the unit-tested statement of
 * the rules) computes from the same reads and reference, for many series-days recomputed in one statement.
 */
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateDay, type DayRead } from './aggregate.ts';
import type { Db } from './db/client.ts';
import { migratePglite } from './db/migrations.ts';
import * as schema from './db/schema.ts';
import { recomputeRollups, type SeriesDay } from './rollup.ts';

const DAY = '2026-11-20';
const PREVIOUS = '2026-11-19';
let client: PGlite;
let db: Db;
let run = 0;

beforeAll(async () => {
  client = new PGlite();
  await migratePglite(client);
  await client.query(`INSERT INTO contributors (install_hash) SELECT 'c' || g FROM generate_series(1, 8) g`);
  db = drizzle({ client, schema }) as unknown as Db;
});
afterAll(() => client.close());

const flagsArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string[]>([]) },
  { weight: 1, arbitrary: fc.constant(['flash-deal']) },
  { weight: 1, arbitrary: fc.constant(['new-user-price']) },
  { weight: 1, arbitrary: fc.constant(['lot-price', 'out-of-stock']) },
);
/** Prices clustered around 1 000 with a few wild ones, so that far votes, agreement and outliers all occur. */
const priceArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 950, max: 1050 }) },
  { weight: 2, arbitrary: fc.integer({ min: 500, max: 520 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
);
const dayArb = fc.record({
  reads: fc.array(
    fc.record({ contributor: fc.integer({ min: 1, max: 8 }), price: priceArb, flags: flagsArb }),
    {
      maxLength: 14,
    },
  ),
  reference: fc.option(fc.oneof(fc.integer({ min: 900, max: 1100 }), fc.integer({ min: 1, max: 5000 }))),
});

describe('recomputeRollups', () => {
  it('publishes what aggregateDay computes, for a whole batch of series-days in one statement', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(dayArb, { minLength: 1, maxLength: 6 }), async (days) => {
        run++;
        const { rows: ids } = await client.query<{ id: number }>('SELECT id FROM contributors ORDER BY id');
        const contributorId = (n: number) => Number(ids[n - 1]!.id);
        const keys: SeriesDay[] = days.map((_, i) => ({
          productId: `p${run}-${i}`,
          currency: 'USD',
          region: 'US',
          skuId: '',
          day: DAY,
        }));
        await db.transaction(async (tx) => {
          for (const [i, d] of days.entries()) {
            const key = keys[i]!;
            if (d.reference != null) {
              await tx.execute(sql`INSERT INTO daily_prices (product_id, currency, region, sku_id, day, min_price,
                                     median_price, max_price, observations, contributors, confirmed)
                                   VALUES (${key.productId}, 'USD', 'US', '', ${PREVIOUS}, ${d.reference},
                                     ${d.reference}, ${d.reference}, 2, 2, true)`);
            }
            for (const r of d.reads) {
              await tx.execute(sql`INSERT INTO observations (contributor_id, product_id, sku_id, currency, region,
                                     day, price, observed_at, flags)
                                   VALUES (${contributorId(r.contributor)}, ${key.productId}, '', 'USD', 'US', ${DAY},
                                     ${r.price}, now(), ${sql.param(r.flags)}::text[])
                                   ON CONFLICT DO NOTHING`);
            }
          }
          await recomputeRollups(tx, keys);
        });
        for (const [i, d] of days.entries()) {
          // The table's dedupe rule applies before the aggregate: same contributor and price count once.
          const seen = new Set<string>();
          const reads: DayRead[] = [];
          for (const r of d.reads) {
            const k = `${r.contributor}|${r.price}`;
            if (seen.has(k)) continue;
            seen.add(k);
            reads.push({ contributorId: r.contributor, price: r.price, flags: r.flags });
          }
          const expected = aggregateDay(reads, d.reference);
          const { rows } = await client.query<Record<string, unknown>>(
            `SELECT min_price, median_price, max_price, observations, contributors, confirmed, flagged
             FROM daily_prices WHERE product_id = $1 AND day = $2 AND contributors > 0`,
            [keys[i]!.productId, DAY],
          );
          const actual = rows[0]
            ? {
                minPrice: Number(rows[0].min_price),
                medianPrice: Number(rows[0].median_price),
                maxPrice: Number(rows[0].max_price),
                observations: Number(rows[0].observations),
                contributors: Number(rows[0].contributors),
                confirmed: rows[0].confirmed,
                flagged: rows[0].flagged,
              }
            : null;
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('unpublishes the rollup of a series-day whose reads are all gone', async () => {
    const key: SeriesDay = { productId: 'gone', currency: 'USD', region: 'US', skuId: '', day: DAY };
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO daily_prices (product_id, currency, region, sku_id, day, min_price,
                             median_price, max_price, observations, contributors, confirmed)
                           VALUES ('gone', 'USD', 'US', '', ${DAY}, 100, 100, 100, 1, 1, false)`);
      expect(await recomputeRollups(tx, [key, key])).toBe(1);
    });
    const { rows } = await client.query(
      `SELECT contributors, reads FROM daily_prices WHERE product_id = 'gone'`,
    );
    // The row stays (its revision must not restart while the day can change) but publishes nothing.
    expect(rows).toEqual([{ contributors: 0, reads: [] }]);
  });
});
