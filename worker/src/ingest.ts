/**
 * The write of one upload: quota, raw rows, rollups. Runs inside the caller's transaction in two statements
 * (each is a round trip over the Neon WebSocket): the first grants the quota, inserts the raw rows and reads the
 * touched rollup rows without locking them; the Worker merges the new reads into them (rollup.ts); the second
 * writes them. Only that last statement and the commit hold a lock that other uploads can wait for.
 */
import { sql } from 'drizzle-orm';
import type { ValidObservation } from '../../shared/api.ts';
import { utcDay } from '../../shared/history.ts';
import type { CountedRead } from './aggregate.ts';
import { type Db, queryRows } from './db/client.ts';
import {
  applyChange,
  excludedFlagsSql,
  keyString,
  parseStates,
  referenceOf,
  type StateRow,
  stateOf,
} from './rollup.ts';

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
  // One round trip grants the quota, inserts the granted items (the first ones, in batch order) and reads,
  // for every series-day that gained a read that counts, its rollup row (revision, counted reads) and the far
  // rule's reference. Nothing here waits for another upload, except one of the same credential.
  const [step] = await queryRows<{
    granted: number | string;
    accepted: number | string;
    /** A state row (rollup.ts), then the new counted reads: [price, flagged]. */
    states: [...StateRow, [number | string, boolean][]][] | null;
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
          RETURNING product_id AS p, currency AS c, region AS r, sku_id AS s, day AS d, price, flags
        ), added AS (
          -- The new reads that count, per series-day: what the rollup rows gain.
          SELECT p, c, r, s, d, json_agg(json_build_array(price, cardinality(flags) > 0)) AS reads
          FROM ins WHERE NOT (flags && ${excludedFlagsSql()})
          GROUP BY p, c, r, s, d
        )
        SELECT (SELECT granted FROM q) AS granted, (SELECT count(*) FROM ins) AS accepted,
               (SELECT json_agg(json_build_array(a.p, a.c, a.r, a.s, to_char(a.d, 'YYYY-MM-DD'), st.revision,
                                                 st.reads, ${referenceOf('a')}, a.reads))
                FROM added a LEFT JOIN LATERAL ${stateOf('a')} AS st ON true) AS states`,
  );
  const granted = Number(step?.granted ?? 0);
  const rowsOf = step?.states ?? [];
  const states = parseStates(rowsOf.map((r) => r.slice(0, 8) as StateRow));
  const added = new Map<string, CountedRead[]>();
  rowsOf.forEach((r, i) => {
    added.set(
      keyString(states[i]!.key),
      r[8].map(([price, flagged]) => ({ contributorId, price: Number(price), flagged })),
    );
  });
  if (states.length)
    await applyChange(tx, states, (s) => [...s.reads, ...(added.get(keyString(s.key)) ?? [])]);
  return { granted, accepted: Number(step?.accepted ?? 0) };
}
