import { dwellFromReads, type InterestSignals } from '../../shared/interest.ts';
import type { AuditEventRow, AuditKind, CompanionDb } from '../db.ts';
import type { Agent } from './agent.ts';

/**
 * The dashboard's read side and the privacy centre's controls: every product seen with the signals of the
 * on-device interest score (shared/interest.ts), the local audit log, export of every local table, and
 * deleting everything local.
 */

export interface SeenProduct extends InterestSignals {
  id: string;
  title: string | null;
  image: string | null;
  url: string | null;
  currency: string | null;
  firstSeenAt: number;
}

export interface AuditQuery {
  kind: AuditKind | null;
  limit: number;
}

export interface LocalExport {
  app: 'aliexpress-companion';
  exportedAt: number;
  /** Every local table, every row, as stored. */
  tables: Record<string, unknown[]>;
}

export async function seenProducts(db: CompanionDb): Promise<SeenProduct[]> {
  const [products, watched, audit] = await Promise.all([
    db.products.orderBy('lastSeenAt').reverse().toArray(),
    db.watchlist.toArray(),
    db.auditEvents.where('kind').equals('observed').toArray(),
  ]);
  const watchedIds = new Set(watched.map((w) => w.productId));
  const reads = new Map<string, number[]>();
  for (const event of audit) {
    if (!event.productId) continue;
    const list = reads.get(event.productId) ?? [];
    list.push(event.at);
    reads.set(event.productId, list);
  }
  return Promise.all(
    products.map(async (p) => {
      // The product-level series in its latest currency (prices in other currencies do not compare): the
      // first and the last read only, each an index walk that stops at its first match, so the cost does not
      // grow with the history (a million stored reads would otherwise all be visited).
      const range = db.observations
        .where('[productId+observedAt]')
        .between([p.id, -Infinity], [p.id, Infinity]);
      const productLevel = (o: { skuId: string | null; currency: string }) =>
        o.skuId === null && o.currency === p.currency;
      // A product-level read is written together with at most one variant read, so it is almost always among
      // the first (last) few rows: a bounded getAll, and a filtered walk only when it is not.
      const first =
        (await range.clone().limit(4).toArray()).find(productLevel) ??
        (await range.clone().filter(productLevel).first());
      const last =
        (await range.clone().reverse().limit(4).toArray()).find(productLevel) ??
        (await range.clone().reverse().filter(productLevel).first());
      const firstPrice = first?.price ?? null;
      const lastPrice = last?.price ?? null;
      const times = reads.get(p.id) ?? [];
      return {
        id: p.id,
        title: p.title,
        image: p.image,
        url: p.url,
        currency: p.currency,
        firstSeenAt: p.firstSeenAt,
        lastSeenAt: p.lastSeenAt,
        views: times.length,
        dwellMs: dwellFromReads(times),
        watched: watchedIds.has(p.id),
        firstPrice,
        lastPrice,
      };
    }),
  );
}

export async function auditLog(db: CompanionDb, { kind, limit }: AuditQuery): Promise<AuditEventRow[]> {
  const all = db.auditEvents.orderBy('at').reverse();
  return (kind ? all.filter((e) => e.kind === kind) : all).limit(limit).toArray();
}

export async function exportLocal(db: CompanionDb, now: number): Promise<LocalExport> {
  const tables: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) tables[table.name] = await table.toArray();
  });
  return { app: 'aliexpress-companion', exportedAt: now, tables };
}

/** Clears every local table in one transaction; returns how many rows each held. */
export async function eraseLocal(db: CompanionDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) {
      counts[table.name] = await table.count();
      await table.clear();
    }
  });
  return counts;
}

export function dashboardAgent(db: CompanionDb, options: { now?: () => number } = {}): Agent {
  const now = options.now ?? Date.now;
  return {
    name: 'dashboard',
    handlers: {
      'products:seen': () => seenProducts(db),
      'audit:list': (query) => auditLog(db, query),
      'local:export': () => exportLocal(db, now()),
      'local:erase': () => eraseLocal(db),
    },
  };
}
