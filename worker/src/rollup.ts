/**
 * Keeps `daily_prices` in step with `observations`: after reads are added or erased, the touched series-days are
 * recomputed from their raw reads inside the same transaction.
 */
import { sql } from 'drizzle-orm';
import { aggregateDay, type DayAggregate, type DayRead } from './aggregate.ts';
import { type Db, queryRows } from './db/client.ts';
import { dailyPrices } from './db/schema.ts';

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

  const reads = await queryRows<{
    product_id: string;
    currency: string;
    region: string;
    sku_id: string;
    day: string;
    contributor_id: number | string;
    price: number | string;
    flags: string[];
  }>(
    tx,
    sql`SELECT o.product_id, o.currency, o.region, o.sku_id, o.day::text AS day, o.contributor_id, o.price, o.flags
        FROM unnest(${a.p}::text[], ${a.c}::text[], ${a.r}::text[], ${a.s}::text[], ${a.d}::date[]) AS k(p, c, r, s, d)
        JOIN observations o
          ON o.product_id = k.p AND o.currency = k.c AND o.region = k.r AND o.sku_id = k.s AND o.day = k.d`,
  );
  const references = await queryRows<{ i: number | string; median_price: number | string }>(
    tx,
    sql`SELECT k.i, ref.median_price
        FROM unnest(${a.p}::text[], ${a.c}::text[], ${a.r}::text[], ${a.s}::text[], ${a.d}::date[])
          WITH ORDINALITY AS k(p, c, r, s, d, i)
        CROSS JOIN LATERAL (
          SELECT dp.median_price FROM daily_prices dp
          WHERE dp.product_id = k.p AND dp.currency = k.c AND dp.region = k.r AND dp.sku_id = k.s
            AND dp.day < k.d AND dp.day >= k.d - 30 AND dp.confirmed
          ORDER BY dp.day DESC LIMIT 1
        ) ref`,
  );

  const readsByKey = new Map<string, DayRead[]>();
  for (const r of reads) {
    const name = keyOf({
      productId: r.product_id,
      currency: r.currency,
      region: r.region,
      skuId: r.sku_id,
      day: r.day,
    });
    const list = readsByKey.get(name) ?? [];
    list.push({ contributorId: Number(r.contributor_id), price: Number(r.price), flags: r.flags });
    readsByKey.set(name, list);
  }
  const referenceByIndex = new Map(references.map((r) => [Number(r.i) - 1, Number(r.median_price)]));

  const upserts: (SeriesDay & DayAggregate)[] = [];
  const removals: SeriesDay[] = [];
  keys.forEach((key, i) => {
    const agg = aggregateDay(readsByKey.get(names[i]!) ?? [], referenceByIndex.get(i) ?? null);
    if (agg) upserts.push({ ...key, ...agg });
    else removals.push(key);
  });

  if (upserts.length) {
    await tx
      .insert(dailyPrices)
      .values(upserts.map((u) => ({ ...u, updatedAt: new Date() })))
      .onConflictDoUpdate({
        target: [
          dailyPrices.productId,
          dailyPrices.currency,
          dailyPrices.region,
          dailyPrices.skuId,
          dailyPrices.day,
        ],
        set: {
          minPrice: sql`excluded.min_price`,
          medianPrice: sql`excluded.median_price`,
          maxPrice: sql`excluded.max_price`,
          observations: sql`excluded.observations`,
          contributors: sql`excluded.contributors`,
          confirmed: sql`excluded.confirmed`,
          flagged: sql`excluded.flagged`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
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
