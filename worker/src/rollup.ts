/**
 * Keeps `daily_prices` in step with `observations`: after reads are added or erased, the touched series-days are
 * recomputed from their raw reads inside the same transaction.
 *
 * The recomputation is one set-based statement for every touched series-day: votes, reference medians, the far
 * rule, median + MAD, the upsert and the removals all run in PostgreSQL, so no read travels to the Worker and
 * back. It implements `aggregateDay` (aggregate.ts, the readable and unit-tested statement of the rules) and
 * rollup.test.ts checks both give the same answer on random days. All prices are integers, so the medians are
 * exact: `percentile_cont(0.5)` of integers is n or n + 0.5, and floor(x + 0.5) is `median`'s Math.round.
 */
import { type SQL, sql } from 'drizzle-orm';
import { AGGREGATE_RULES } from './aggregate.ts';
import type { Db } from './db/client.ts';

/** sku and region use '' for none, as in the tables. */
export interface SeriesDay {
  productId: string;
  currency: string;
  region: string;
  skuId: string;
  day: string;
}

/**
 * The advisory-lock key of a series-day, from SQL columns. Ingest and erasure must build it identically (same
 * text, same "C" ordering) or their locks would not exclude each other.
 */
export const seriesLockKey = (p: SQL, c: SQL, r: SQL, s: SQL, d: SQL) =>
  sql`(concat_ws('|', ${p}, ${c}, ${r}, ${s}, to_char(${d}, 'YYYY-MM-DD')) COLLATE "C")`;

/**
 * Takes the transaction-scoped locks of the series-days in `keys` (a query yielding one `key` column), always in
 * the same order so that two transactions cannot deadlock. Must run in a statement before the one that reads the
 * series-days: a READ COMMITTED statement only sees what was committed when it started.
 */
export const lockSeriesDays = (keys: SQL) =>
  sql`SELECT count(pg_advisory_xact_lock(hashtextextended(l.key, 0))) AS locked
      FROM (SELECT DISTINCT key FROM (${keys}) AS ks ORDER BY key) AS l`;

function keyArrays(keys: readonly SeriesDay[]) {
  return sql`unnest(${sql.param(keys.map((k) => k.productId))}::text[], ${sql.param(keys.map((k) => k.currency))}::text[],
                    ${sql.param(keys.map((k) => k.region))}::text[], ${sql.param(keys.map((k) => k.skuId))}::text[],
                    ${sql.param(keys.map((k) => k.day))}::date[]) WITH ORDINALITY AS k(p, c, r, s, d, i)`;
}

/**
 * The far rule's reference for series-day `t` (columns p, c, r, s, d): the last confirmed median of the 30 days
 * before. Those rows belong to other series-days, which the lock of `t` does not cover, so reading them before
 * taking it (as ingest does, to keep the locked section short) sees the same kind of committed state.
 */
export const referenceOf = (t: string) =>
  sql.raw(`(SELECT dp.median_price FROM daily_prices dp
    WHERE dp.product_id = ${t}.p AND dp.currency = ${t}.c AND dp.region = ${t}.r AND dp.sku_id = ${t}.s
      AND dp.day < ${t}.d AND dp.day >= ${t}.d - 30 AND dp.confirmed
    ORDER BY dp.day DESC LIMIT 1)`);

/**
 * The median of a sorted array of non-negative integers, rounded half up like `median` (shared/history.ts):
 * both middle elements are the same one when the length is odd. NULL for a NULL array.
 */
const sortedMedian = (arr: string) =>
  sql.raw(`((${arr}[(cardinality(${arr}) + 1) / 2] + ${arr}[cardinality(${arr}) / 2 + 1] + 1) / 2)`);

/**
 * The statement recomputing (or removing) the rollups of `keys`; the caller holds their locks. `references`
 * (one per key, from `referenceOf`) when the caller already read them; otherwise they are looked up here.
 *
 * Shaped for PostgreSQL's planner, which cannot estimate CTE row counts: the only joins are index lookups from
 * the keys; the rest is grouping, window functions and per-key work on small arrays, which stays linear where
 * joins between CTEs became nested loops. Every key keeps at least one row through the pipeline (a NULL vote
 * when no read is left) so that a series-day with nothing publishable is removed, not forgotten.
 */
export function rollupStatement(keys: readonly SeriesDay[], references?: readonly (number | null)[]): SQL {
  const R = AGGREGATE_RULES;
  const k = references
    ? sql`SELECT DISTINCT p, c, r, s, d, reference
          FROM unnest(${sql.param(keys.map((k) => k.productId))}::text[], ${sql.param(keys.map((k) => k.currency))}::text[],
                      ${sql.param(keys.map((k) => k.region))}::text[], ${sql.param(keys.map((k) => k.skuId))}::text[],
                      ${sql.param(keys.map((k) => k.day))}::date[], ${sql.param(references)}::bigint[])
            AS k(p, c, r, s, d, reference)`
    : sql`SELECT k.*, ${referenceOf('k')} AS reference FROM (SELECT DISTINCT p, c, r, s, d FROM ${keyArrays(keys)}) k`;
  const f8 = (n: number) => sql`${n}::float8`;
  const agrees = (other: string) =>
    sql
      .raw(`coalesce(abs(${other} - price)::float8 / price::float8 <= `)
      .append(sql`${f8(R.agreeRatio)}, false)`);
  return sql`
    WITH k AS (${k}),
    votes AS (
      SELECT k.p, k.c, k.r, k.s, k.d, k.reference, o.contributor_id,
             floor(percentile_cont(0.5) WITHIN GROUP (ORDER BY o.price) + 0.5)::bigint AS price,
             count(o.price)::int AS reads, coalesce(bool_or(cardinality(o.flags) > 0), false) AS flagged
      FROM k
      LEFT JOIN observations o
        ON o.product_id = k.p AND o.currency = k.c AND o.region = k.r AND o.sku_id = k.s AND o.day = k.d
          AND NOT (o.flags && ${sql.param([...R.excludedFlags])}::text[])
      GROUP BY k.p, k.c, k.r, k.s, k.d, k.reference, o.contributor_id
    ),
    judged AS (
      SELECT v.*, coalesce(v.reference > 0
               AND abs(v.price - v.reference)::float8 / v.reference::float8 > ${f8(R.farRatio)}, false) AS far
      FROM votes v
    ),
    -- Among the far votes sorted by price, the closest other one is a neighbour: agreement needs no self-join.
    neighbours AS (
      SELECT j.*, lag(price) OVER w AS prev, lead(price) OVER w AS next
      FROM judged j
      WINDOW w AS (PARTITION BY p, c, r, s, d, far ORDER BY price, contributor_id)
    ),
    grouped AS (
      SELECT p, c, r, s, d,
             array_agg(price ORDER BY price, contributor_id) FILTER (WHERE keep) AS prices,
             array_agg(reads ORDER BY price, contributor_id) FILTER (WHERE keep) AS reads,
             array_agg(flagged ORDER BY price, contributor_id) FILTER (WHERE keep) AS flags
      FROM (
        SELECT n.*, price IS NOT NULL AND (NOT far OR ${agrees('prev')} OR ${agrees('next')}) AS keep FROM neighbours n
      ) x
      GROUP BY p, c, r, s, d
    ),
    agg AS (
      SELECT g.p, g.c, g.r, g.s, g.d, i.*
      FROM grouped g
      CROSS JOIN LATERAL (SELECT ${sortedMedian('g.prices')} AS m) mid
      CROSS JOIN LATERAL (
        SELECT array_agg(abs(v - mid.m) ORDER BY abs(v - mid.m)) AS devs FROM unnest(g.prices) AS v
      ) dev
      CROSS JOIN LATERAL (SELECT ${sortedMedian('dev.devs')} AS mad) spread
      CROSS JOIN LATERAL (
        SELECT min(u.v) AS min_price, max(u.v) AS max_price, array_agg(u.v ORDER BY u.v) AS inliers,
               coalesce(sum(u.rd), 0)::int AS observations, count(u.v)::int AS contributors,
               coalesce(bool_or(u.fl), false) AS flagged
        FROM unnest(g.prices, g.reads, g.flags) AS u(v, rd, fl)
        WHERE abs(u.v - mid.m)::float8
              <= greatest(${f8(R.madK)} * ${f8(R.madScale)} * spread.mad::float8, ${f8(R.floorRatio)} * mid.m::float8)
      ) i
    ),
    upserted AS (
      INSERT INTO daily_prices AS dp (product_id, currency, region, sku_id, day, min_price, median_price, max_price,
                                      observations, contributors, confirmed, flagged, updated_at)
      SELECT p, c, r, s, d, min_price, ${sortedMedian('inliers')}, max_price, observations, contributors,
             contributors >= 2, flagged, now()
      FROM agg WHERE contributors > 0
      ON CONFLICT (product_id, currency, region, sku_id, day) DO UPDATE SET
        min_price = excluded.min_price, median_price = excluded.median_price, max_price = excluded.max_price,
        observations = excluded.observations, contributors = excluded.contributors,
        confirmed = excluded.confirmed, flagged = excluded.flagged, updated_at = excluded.updated_at
      -- A read held back as far from the median changes nothing: skip rewriting the row.
      WHERE (dp.min_price, dp.median_price, dp.max_price, dp.observations, dp.contributors, dp.confirmed, dp.flagged)
            IS DISTINCT FROM (excluded.min_price, excluded.median_price, excluded.max_price, excluded.observations,
                              excluded.contributors, excluded.confirmed, excluded.flagged)
      RETURNING 1
    ),
    removed AS (
      DELETE FROM daily_prices dp USING agg
      WHERE agg.contributors = 0 AND dp.product_id = agg.p AND dp.currency = agg.c AND dp.region = agg.r
        AND dp.sku_id = agg.s AND dp.day = agg.d
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM agg) AS touched, (SELECT count(*) FROM upserted) AS upserted,
           (SELECT count(*) FROM removed) AS removed`;
}

/** Lock and recompute (or remove) the rollups of `keys`; returns how many series-days were touched. */
export async function recomputeRollups(tx: Db, input: readonly SeriesDay[]): Promise<number> {
  if (input.length === 0) return 0;
  await tx.execute(
    lockSeriesDays(
      sql`SELECT ${seriesLockKey(sql`k.p`, sql`k.c`, sql`k.r`, sql`k.s`, sql`k.d`)} AS key FROM ${keyArrays(input)}`,
    ),
  );
  const result = (await tx.execute(rollupStatement(input))) as unknown as {
    rows: { touched: number | string }[];
  };
  return Number(result.rows[0]?.touched ?? 0);
}
