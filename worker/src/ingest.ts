/**
 * The write of one upload: quota, raw rows, rollups. Runs inside the caller's transaction in two statements —
 * the fewest the lock allows (each statement is a round trip over the Neon WebSocket).
 */
import { sql } from 'drizzle-orm';
import type { ValidObservation } from '../../shared/api.ts';
import { utcDay } from '../../shared/history.ts';
import { type Db, queryRows } from './db/client.ts';
import { lockSeriesDays, referenceOf, rollupStatement, type SeriesDay, seriesLockKey } from './rollup.ts';

export interface BatchInput {
  contributorId: number;
  /** The UTC day the quota counts for. */
  today: string;
  /** Observations this credential may send today. */
  quota: number;
  /** Valid items in batch order; the first ones are kept when the quota runs out. */
  rows: readonly ValidObservation[];
}

/** `granted` items passed the quota; `accepted` of them were new (the rest were duplicates). */
export async function storeBatch(
  tx: Db,
  { contributorId, today, quota, rows }: BatchInput,
): Promise<{ granted: number; accepted: number }> {
  // One array parameter per column instead of one parameter per value: far less to encode, send and parse.
  const col = <T>(pick: (o: ValidObservation) => T) => sql.param(rows.map(pick));
  // One round trip grants the quota, inserts the granted items (the first ones, in batch order), and locks
  // the series-days that gained a read. The sort under the lock scan makes the insert finish before the
  // first lock is taken, as when they were separate statements; the recomputation below is a later
  // statement, so its snapshot includes whatever a transaction that held one of these locks committed.
  const [step] = await queryRows<{
    granted: number | string;
    accepted: number | string;
    keys: [string, string, string, string, string, number | null][] | null;
  }>(
    tx,
    sql`WITH cur AS (
          SELECT id, CASE WHEN quota_day = ${today}::date THEN quota_used ELSE 0 END AS used
          FROM contributors WHERE id = ${contributorId} FOR UPDATE
        ), g AS (
          SELECT id, used, LEAST(${rows.length}::int, GREATEST(0, ${quota}::int - used)) AS granted FROM cur
        ), q AS (
          UPDATE contributors SET quota_used = g.used + g.granted, quota_day = ${today}::date
          FROM g WHERE contributors.id = g.id
          RETURNING g.granted
        ), ins AS (
          INSERT INTO observations (contributor_id, product_id, sku_id, currency, region, day, price,
                                    original_price, shipping, observed_at, flags)
          SELECT ${contributorId}::bigint, t.p, t.s, t.c, t.r, t.d, t.pr, t.op, t.sh, t.oa, string_to_array(t.f, ',')
          FROM unnest(${col((o) => o.productId)}::text[], ${col((o) => o.skuId ?? '')}::text[],
                      ${col((o) => o.currency)}::text[], ${col((o) => o.region ?? '')}::text[],
                      ${col((o) => utcDay(o.observedAt))}::date[], ${col((o) => o.price)}::bigint[],
                      ${col((o) => o.originalPrice)}::bigint[], ${col((o) => o.shipping)}::bigint[],
                      ${col((o) => new Date(o.observedAt).toISOString())}::timestamptz[],
                      ${col((o) => o.flags.join(','))}::text[])
            WITH ORDINALITY AS t(p, s, c, r, d, pr, op, sh, oa, f, i)
          WHERE t.i <= (SELECT granted FROM q)
          ON CONFLICT DO NOTHING
          RETURNING product_id AS p, currency AS c, region AS r, sku_id AS s, day AS d
        ), touched AS (
          -- Work done here, before the locks, is work the locked section does not wait for: the references, and
          -- the series-days' existing reads pulled into the buffer cache.
          SELECT t.*, ${referenceOf('t')} AS reference,
                 (SELECT count(o.price) FROM observations o
                  WHERE o.product_id = t.p AND o.currency = t.c AND o.region = t.r AND o.sku_id = t.s AND o.day = t.d
                 ) AS warmed
          FROM (SELECT DISTINCT p, c, r, s, d FROM ins) t
        ), locked AS (
          ${lockSeriesDays(sql`SELECT ${seriesLockKey(sql`p`, sql`c`, sql`r`, sql`s`, sql`d`)} AS key FROM touched`)}
        )
        SELECT (SELECT granted FROM q) AS granted, (SELECT count(*) FROM ins) AS accepted,
               (SELECT locked FROM locked) AS locked,
               (SELECT sum(warmed) FROM touched) AS warmed,
               (SELECT json_agg(json_build_array(p, c, r, s, to_char(d, 'YYYY-MM-DD'), reference)) FROM touched) AS keys`,
  );
  const granted = Number(step?.granted ?? 0);
  const keys = step?.keys ?? [];
  const touched: SeriesDay[] = keys.map(([productId, currency, region, skuId, day]) => ({
    productId,
    currency,
    region,
    skuId,
    day,
  }));
  if (touched.length)
    await tx.execute(
      rollupStatement(
        touched,
        keys.map((k) => k[5]),
      ),
    );
  return { granted, accepted: Number(step?.accepted ?? 0) };
}
