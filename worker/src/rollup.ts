/**
 * Keeps `daily_prices` in step with `observations`: after reads are added or erased, the touched series-days are
 * recomputed from their raw reads inside the same transaction.
 */
import { sql } from 'drizzle-orm';
import { aggregateDay, type DayAggregate, type DayRead } from './aggregate.ts';
import { type Db, queryRows } from './db/client.ts';

/** sku and region use '' for none, as in the tables. */
export interface SeriesDay {
  productId: string;
  currency: string;
  region: string;
  skuId: string;
  day: string;
}

const keyOf = (k: SeriesDay) => `${k.productId}|${k.currency}|${k.region}|${k.skuId}|${k.day}`;

function keyArrays(keys: readonly SeriesDay[]) {
  return {
    p: sql.param(keys.map((k) => k.productId)),
    c: sql.param(keys.map((k) => k.currency)),
    r: sql.param(keys.map((k) => k.region)),
    s: sql.param(keys.map((k) => k.skuId)),
    d: sql.param(keys.map((k) => k.day)),
  };
}

/** Recompute (or remove) the rollups of `keys`; returns how many series-days were touched. */
export async function recomputeRollups(tx: Db, input: readonly SeriesDay[]): Promise<number> {
  const unique = new Map<string, SeriesDay>();
  for (const k of input) unique.set(keyOf(k), k);
  if (unique.size === 0) return 0;
  const names = [...unique.keys()].sort();
  const keys = names.map((n) => unique.get(n)!);
  const a = keyArrays(keys);

  // Two transactions recomputing the same series-day would each miss the other's uncommitted reads; serialise
  // them per key, always locking in the same (sorted) order so they cannot deadlock.
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${sql.param(names)}::text[]) AS k ORDER BY k`,
  );

  // Each read row carries its series-day's reference (last confirmed median): one round trip for both.
  const reads = await queryRows<{
    i: number | string;
    contributor_id: number | string | null;
    price: number | string | null;
    flags: string[] | null;
    reference: number | string | null;
  }>(
    tx,
    sql`SELECT k.i, o.contributor_id, o.price, o.flags, ref.median_price AS reference
        FROM unnest(${a.p}::text[], ${a.c}::text[], ${a.r}::text[], ${a.s}::text[], ${a.d}::date[])
          WITH ORDINALITY AS k(p, c, r, s, d, i)
        LEFT JOIN LATERAL (
          SELECT dp.median_price FROM daily_prices dp
          WHERE dp.product_id = k.p AND dp.currency = k.c AND dp.region = k.r AND dp.sku_id = k.s
            AND dp.day < k.d AND dp.day >= k.d - 30 AND dp.confirmed
          ORDER BY dp.day DESC LIMIT 1
        ) ref ON true
        LEFT JOIN observations o
          ON o.product_id = k.p AND o.currency = k.c AND o.region = k.r AND o.sku_id = k.s AND o.day = k.d`,
  );

  const readsByIndex = new Map<number, DayRead[]>();
  const referenceByIndex = new Map<number, number>();
  for (const r of reads) {
    const i = Number(r.i) - 1;
    if (r.reference != null) referenceByIndex.set(i, Number(r.reference));
    if (r.contributor_id == null) continue;
    const list = readsByIndex.get(i) ?? [];
    list.push({ contributorId: Number(r.contributor_id), price: Number(r.price), flags: r.flags ?? [] });
    readsByIndex.set(i, list);
  }

  const upserts: (SeriesDay & DayAggregate)[] = [];
  const removals: SeriesDay[] = [];
  keys.forEach((key, i) => {
    const agg = aggregateDay(readsByIndex.get(i) ?? [], referenceByIndex.get(i) ?? null);
    if (agg) upserts.push({ ...key, ...agg });
    else removals.push(key);
  });

  if (upserts.length) {
    const col = <T>(pick: (u: SeriesDay & DayAggregate) => T) => sql.param(upserts.map(pick));
    await tx.execute(
      sql`INSERT INTO daily_prices (product_id, currency, region, sku_id, day, min_price, median_price, max_price,
                                    observations, contributors, confirmed, flagged, updated_at)
          SELECT t.*, now()
          FROM unnest(${col((u) => u.productId)}::text[], ${col((u) => u.currency)}::text[],
                      ${col((u) => u.region)}::text[], ${col((u) => u.skuId)}::text[], ${col((u) => u.day)}::date[],
                      ${col((u) => u.minPrice)}::bigint[], ${col((u) => u.medianPrice)}::bigint[],
                      ${col((u) => u.maxPrice)}::bigint[], ${col((u) => u.observations)}::int[],
                      ${col((u) => u.contributors)}::int[], ${col((u) => u.confirmed)}::boolean[],
                      ${col((u) => u.flagged)}::boolean[]) AS t
          ON CONFLICT (product_id, currency, region, sku_id, day) DO UPDATE SET
            min_price = excluded.min_price, median_price = excluded.median_price, max_price = excluded.max_price,
            observations = excluded.observations, contributors = excluded.contributors,
            confirmed = excluded.confirmed, flagged = excluded.flagged, updated_at = excluded.updated_at`,
    );
  }
  if (removals.length) {
    const r = keyArrays(removals);
    await tx.execute(
      sql`DELETE FROM daily_prices dp
          USING unnest(${r.p}::text[], ${r.c}::text[], ${r.r}::text[], ${r.s}::text[], ${r.d}::date[]) AS k(p, c, r, s, d)
          WHERE dp.product_id = k.p AND dp.currency = k.c AND dp.region = k.r AND dp.sku_id = k.s AND dp.day = k.d`,
    );
  }
  return keys.length;
}
