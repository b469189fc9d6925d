import { sql } from 'drizzle-orm';
import { API_LIMITS } from '../../shared/api.ts';
import type { Db } from './db/client.ts';

/**
 * Raw reads are only needed while their day can still change (uploads older than 30 days are refused) and for
 * export/erasure; the published rollups stay. The rollup rows' counted reads (contributor ids, rollup.ts) go
 * with the raw reads, and so do rollup rows that never published anything. A few days of slack cover late clocks.
 */
export const RAW_RETENTION_DAYS = API_LIMITS.maxPastDays + 5;

export async function pruneRawObservations(db: Db, keepDays = RAW_RETENTION_DAYS): Promise<number> {
  const cutoff = sql`current_date - ${keepDays}::int`;
  const result = (await db.execute(
    sql`WITH unpublished AS (
          DELETE FROM daily_prices WHERE day < ${cutoff} AND contributors = 0
        ), forgotten AS (
          UPDATE daily_prices SET reads = '{}' WHERE day < ${cutoff} AND contributors > 0 AND reads <> '{}'
        ), raw AS (
          DELETE FROM observations WHERE day < ${cutoff} RETURNING 1
        )
        SELECT count(*)::int AS removed FROM raw`,
  )) as unknown as { rows: { removed: number | string }[] };
  return Number(result.rows[0]?.removed ?? 0);
}
