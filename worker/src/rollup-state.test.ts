/**
 * The rollup rows' counted reads (rollup.ts) are updated incrementally by ingest and rebuilt by erasure. Whatever
 * the interleaving of uploads, erasures and writes computed from a stale row (a concurrent upload won the race),
 * every rollup row must hold exactly the counted reads of its raw rows and publish what `aggregateDay` computes
 * from them: the same answer as a recompute from scratch.
 */
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractFlag } from '../../shared/extract/types.ts';
import { aggregateDay, type CountedRead, countedReads, type DayRead } from './aggregate.ts';
import { type Db, queryRows } from './db/client.ts';
import { migratePglite } from './db/migrations.ts';
import * as schema from './db/schema.ts';
import { storeBatch } from './ingest.ts';
import { applyChange, decodeReads, readStates, recomputeRollups, type SeriesDay } from './rollup.ts';

const DAY = '2026-11-20';
const PREVIOUS = '2026-11-19';
const NOON = Date.parse(`${DAY}T12:00:00Z`);
const CONTRIBUTORS = 5;
let client: PGlite;
let db: Db;
let run = 0;

beforeAll(async () => {
  client = new PGlite();
  await migratePglite(client);
  await client.query(
    `INSERT INTO contributors (install_hash) SELECT 'c' || g FROM generate_series(1, ${CONTRIBUTORS}) g`,
  );
  db = drizzle({ client, schema }) as unknown as Db;
});
afterAll(() => client.close());

const flagsArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<ExtractFlag[]>([]) },
  { weight: 1, arbitrary: fc.constant<ExtractFlag[]>(['flash-deal']) },
  { weight: 1, arbitrary: fc.constant<ExtractFlag[]>(['out-of-stock']) },
);
const priceArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 990, max: 1010 }) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 505 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }) },
);
interface Item {
  series: number;
  price: number;
  flags: ExtractFlag[];
}
const itemArb: fc.Arbitrary<Item> = fc.record({
  series: fc.integer({ min: 0, max: 3 }),
  price: priceArb,
  flags: flagsArb,
});
const contributorArb = fc.integer({ min: 1, max: CONTRIBUTORS });
const opArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('upload' as const),
      contributor: contributorArb,
      items: fc.array(itemArb, { minLength: 1, maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), contributor: contributorArb }) },
  // An upload whose rollup write was computed from rows read before another upload changed them.
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('stale' as const),
      contributor: contributorArb,
      items: fc.array(itemArb, { minLength: 1, maxLength: 4 }),
      racer: contributorArb,
      racerItems: fc.array(itemArb, { minLength: 1, maxLength: 4 }),
    }),
  },
);

describe('incremental rollup rows', () => {
  it('equal a recompute from raw rows after any interleaving of uploads, erasures and lost races', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 12 }),
        fc.option(fc.integer({ min: 900, max: 1100 })),
        async (ops, reference) => {
          run++;
          const ids = (
            await client.query<{ id: number }>('SELECT id FROM contributors ORDER BY id')
          ).rows.map((r) => Number(r.id));
          const keys: SeriesDay[] = [0, 1, 2, 3].map((i) => ({
            productId: `s${run}-${i >> 1}`,
            currency: 'USD',
            region: i % 2 ? 'DE' : '',
            skuId: '',
            day: DAY,
          }));
          const observation = (item: Item) => ({
            productId: keys[item.series]!.productId,
            skuId: null,
            currency: 'USD',
            region: keys[item.series]!.region || null,
            price: item.price,
            originalPrice: null,
            shipping: null,
            observedAt: NOON,
            flags: item.flags,
          });
          const upload = (tx: Db, contributor: number, items: Item[]) =>
            storeBatch(tx, {
              contributorId: ids[contributor - 1]!,
              today: DAY,
              quota: 1e9,
              rows: items.map(observation),
            });
          if (reference != null) {
            for (const k of keys)
              await client.query(
                `INSERT INTO daily_prices (product_id, currency, region, sku_id, day, min_price, median_price, max_price,
                                           observations, contributors, confirmed)
                 VALUES ($1, 'USD', $2, '', $3, $4, $4, $4, 2, 2, true)`,
                [k.productId, k.region, PREVIOUS, reference],
              );
          }
          for (const op of ops) {
            await db.transaction(async (tx) => {
              if (op.kind === 'upload') await upload(tx, op.contributor, op.items);
              else if (op.kind === 'erase') {
                const gone = await queryRows<SeriesDay>(
                  tx,
                  sql`DELETE FROM observations WHERE contributor_id = ${ids[op.contributor - 1]!}
                      RETURNING product_id AS "productId", currency, region, sku_id AS "skuId", day::text AS day`,
                );
                await recomputeRollups(tx, gone);
              } else {
                // Read the rows as the losing upload would, let the racer's upload commit its write, then
                // apply the loser's change computed from the stale rows.
                const stale = await readStates(tx, keys, { lock: false, rebuild: false });
                await upload(tx, op.racer, op.racerItems);
                const added = await insertRaw(
                  tx,
                  ids[op.contributor - 1]!,
                  op.items.map((i) => ({ ...i, key: keys[i.series]! })),
                );
                const touched = stale.filter((s) => added.has(s.key.productId + s.key.region));
                await applyChange(tx, touched, (s) => [
                  ...s.reads,
                  ...(added.get(s.key.productId + s.key.region) ?? []),
                ]);
              }
            });
          }
          for (const k of keys) {
            const raw = await client.query<{ contributor_id: number; price: number; flags: string[] }>(
              `SELECT contributor_id, price, flags FROM observations
               WHERE product_id = $1 AND currency = 'USD' AND region = $2 AND sku_id = '' AND day = $3`,
              [k.productId, k.region, DAY],
            );
            const reads: DayRead[] = raw.rows.map((r) => ({
              contributorId: Number(r.contributor_id),
              price: Number(r.price),
              flags: r.flags,
            }));
            const { rows } = await client.query<Record<string, unknown>>(
              `SELECT min_price, median_price, max_price, observations, contributors, confirmed, flagged, reads
               FROM daily_prices WHERE product_id = $1 AND region = $2 AND day = $3`,
              [k.productId, k.region, DAY],
            );
            const row = rows[0];
            expect(sortReads(decodeReads((row?.reads as number[]) ?? []))).toEqual(
              sortReads(countedReads(reads)),
            );
            const published =
              row && Number(row.contributors) > 0
                ? {
                    minPrice: Number(row.min_price),
                    medianPrice: Number(row.median_price),
                    maxPrice: Number(row.max_price),
                    observations: Number(row.observations),
                    contributors: Number(row.contributors),
                    confirmed: row.confirmed,
                    flagged: row.flagged,
                  }
                : null;
            expect(published).toEqual(aggregateDay(reads, reference));
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});

const sortReads = (reads: CountedRead[]) =>
  [...reads].sort((a, b) => a.contributorId - b.contributorId || a.price - b.price);

/** Inserts raw reads like ingest does; returns the new counted reads per series (product + region). */
async function insertRaw(
  tx: Db,
  contributorId: number,
  items: { key: SeriesDay; price: number; flags: ExtractFlag[] }[],
): Promise<Map<string, CountedRead[]>> {
  const out = new Map<string, CountedRead[]>();
  for (const item of items) {
    const inserted = await queryRows<{ price: number }>(
      tx,
      sql`INSERT INTO observations (contributor_id, product_id, sku_id, currency, region, day, price, observed_at, flags)
          VALUES (${contributorId}, ${item.key.productId}, '', 'USD', ${item.key.region}, ${DAY}, ${item.price}, now(),
                  ${sql.param(item.flags)}::text[])
          ON CONFLICT DO NOTHING RETURNING price`,
    );
    const counted = countedReads(
      inserted.map(() => ({ contributorId, price: item.price, flags: item.flags })),
    );
    if (counted.length === 0) continue;
    const id = item.key.productId + item.key.region;
    out.set(id, [...(out.get(id) ?? []), ...counted]);
  }
  return out;
}
