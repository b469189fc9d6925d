import type { ApiResult } from '../community-api.ts';
import type { CompanionDb } from '../db.ts';

/**
 * Community answers kept for a TTL: reopening a product within it makes no request. After it, the answer is
 * revalidated (fetched again); if the API cannot answer, the stale copy is still shown, marked stale.
 */

export const DEFAULT_TTL_MS = 5 * 60_000;
export const MIN_TTL_MS = 60_000;
export const MAX_TTL_MS = 60 * 60_000;
export const MAX_CACHE_ROWS = 500;

export interface Cached<T> {
  data: T;
  fetchedAt: number;
  fromCache: boolean;
  stale: boolean;
}

export async function cachedGet<T>(
  db: CompanionDb,
  key: string,
  now: number,
  fetcher: () => Promise<ApiResult<T>>,
  parse: (body: unknown) => T | null,
): Promise<Cached<T> | null> {
  const row = await db.communityCache.get(key);
  const kept = row ? parse(row.body) : null;
  if (row && kept !== null && row.expiresAt > now) {
    return { data: kept, fetchedAt: row.fetchedAt, fromCache: true, stale: false };
  }
  const res = await fetcher();
  if (!res.ok)
    return row && kept !== null
      ? { data: kept, fetchedAt: row.fetchedAt, fromCache: true, stale: true }
      : null;
  const ttl = Math.min(MAX_TTL_MS, Math.max(MIN_TTL_MS, res.maxAgeMs ?? DEFAULT_TTL_MS));
  await db.communityCache.put({ key, fetchedAt: now, expiresAt: now + ttl, body: res.data });
  await evict(db);
  return { data: res.data, fetchedAt: now, fromCache: false, stale: false };
}

/** Bounded: the rows closest to expiry go first. */
async function evict(db: CompanionDb): Promise<void> {
  const extra = (await db.communityCache.count()) - MAX_CACHE_ROWS;
  if (extra > 0) {
    const keys = await db.communityCache.orderBy('expiresAt').limit(extra).primaryKeys();
    await db.communityCache.bulkDelete(keys);
  }
}
