import { sql } from 'drizzle-orm';
import { API_LIMITS } from '../../shared/api.ts';
import type { Db } from './db/client.ts';

/**
 * Raw reads are only needed while their day can still change (uploads older than 30 days are refused) and for
 * export/erasure; the published rollups hold no contributor id and stay. A few days of slack cover late clocks.
 */
export const RAW_RETENTION_DAYS = API_LIMITS.maxPastDays + 5;

export async function pruneRawObservations(db: Db, keepDays = RAW_RETENTION_DAYS): Promise<number> {
  const result = (await db.execute(
    sql`DELETE FROM observations WHERE day < current_date - ${keepDays}::int`,
  )) as unknown as { rowCount?: number; affectedRows?: number };
  return result.rowCount ?? result.affectedRows ?? 0;
}
