import { type CompanionDb, type ObservationRow, rebuildAggregates } from '../db.ts';
import { appendAudit, auditEntry } from './audit.ts';

/**
 * The storage budget: when the companion's data outgrows it (or the browser refuses a write with
 * QuotaExceededError), the least valuable data goes first. Products watched, with an alert pending, or viewed in
 * the last RECENT_DAYS are never touched; for the others, reads older than RECENT_DAYS are thinned to the last
 * one per series and day, and only when that is not enough, removed. Watches, rule states and pending alerts
 * live in other tables and are never evicted.
 */

export const RECENT_DAYS = 30;
const DAY = 86_400_000;

export interface EvictionResult {
  thinned: number;
  removed: number;
}

/** Products whose history must stay whole. */
async function protectedProducts(db: CompanionDb, now: number): Promise<Set<string>> {
  const keep = new Set<string>();
  for (const w of await db.watchlist.toArray()) keep.add(w.productId);
  for (const o of await db.outbox.where('status').anyOf('pending', 'delivering').toArray()) {
    if (o.alert) keep.add(o.alert.productId);
  }
  await db.products
    .where('lastSeenAt')
    .aboveOrEqual(now - RECENT_DAYS * DAY)
    .each((p) => keep.add(p.id));
  return keep;
}

export async function evictLeastValuable(
  db: CompanionDb,
  options: { now: number; overBudget: () => Promise<boolean>; reason: string },
): Promise<EvictionResult> {
  const { now } = options;
  const keep = await protectedProducts(db, now);
  const cutoff = now - RECENT_DAYS * DAY;
  const candidates = (await db.products.toArray()).filter((p) => !keep.has(p.id));
  const old = (productId: string) =>
    db.observations
      .where('[productId+observedAt]')
      .between([productId, -Infinity], [productId, cutoff], true, false);

  let thinned = 0;
  for (const p of candidates) {
    const rows = await old(p.id).toArray();
    const lastOfDay = new Map<string, ObservationRow>();
    for (const row of rows) lastOfDay.set(`${row.series}|${Math.floor(row.observedAt / DAY)}`, row);
    const survivors = new Set([...lastOfDay.values()].map((r) => r.id));
    const drop = rows.filter((r) => !survivors.has(r.id)).map((r) => r.id!);
    if (drop.length === 0) continue;
    // The reads and their series' kept aggregates change together.
    await db.transaction('rw', [db.observations, db.seriesSummaries, db.seriesPoints], async () => {
      await db.observations.bulkDelete(drop);
      await rebuildAggregates(db, [p.id]);
    });
    thinned += drop.length;
  }

  let removed = 0;
  if (await options.overBudget()) {
    for (const p of candidates) {
      await db.transaction('rw', [db.observations, db.seriesSummaries, db.seriesPoints], async () => {
        const gone = await old(p.id).delete();
        if (gone > 0) await rebuildAggregates(db, [p.id]);
        removed += gone;
      });
    }
  }
  if (thinned + removed > 0) {
    await appendAudit(
      db,
      auditEntry({
        at: now,
        kind: 'evicted',
        detail: `${options.reason}: thinned ${thinned} old reads to one a day, removed ${removed}, of ${candidates.length} products not watched or viewed in ${RECENT_DAYS} days`,
        message: {
          key: 'evicted',
          vars: { cause: options.reason, thinned, removed, products: candidates.length, days: RECENT_DAYS },
        },
      }),
    );
  }
  return { thinned, removed };
}

/** Runs `write`; on QuotaExceededError frees space once (least valuable first) and tries again. */
export async function withQuotaRetry<T>(
  db: CompanionDb,
  now: () => number,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    await evictLeastValuable(db, { now: now(), overBudget: async () => true, reason: 'storage full' });
    return write();
  }
}

function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name;
  return name === 'QuotaExceededError' || inner === 'QuotaExceededError';
}
