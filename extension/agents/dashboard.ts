import { dwellFromReads, type InterestSignals } from '../../shared/interest.ts';
import {
  type AuditEventRow,
  type AuditKind,
  type CompanionDb,
  DERIVED_TABLES,
  type SeriesSummaryRow,
} from '../db.ts';
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
  // Four bulk reads, none over the observations store or the audit log: prices and page-read times come from
  // what the caching agent keeps beside them (db.ts addObservations, recordRead), so the cost grows with the
  // products, not with their history.
  const [products, watched, readTimes, summaries] = await db.transaction(
    'r',
    [db.products, db.watchlist, db.productReads, db.seriesSummaries],
    () =>
      Promise.all([
        db.products.orderBy('lastSeenAt').reverse().toArray(),
        db.watchlist.toArray(),
        db.productReads.toArray(),
        db.seriesSummaries.toArray(),
      ]),
  );
  const watchedIds = new Set(watched.map((w) => w.productId));
  const reads = new Map(readTimes.map((r) => [r.productId, r.times]));
  const productLevel = new Map<string, SeriesSummaryRow[]>();
  for (const s of summaries) {
    if (s.skuId !== null) continue;
    const list = productLevel.get(s.productId) ?? [];
    list.push(s);
    productLevel.set(s.productId, list);
  }
  return products.map((p) => {
    // The product as a whole in its latest currency (prices in other currencies do not compare), any region:
    // its first and its latest read.
    let first: SeriesSummaryRow | null = null;
    let last: SeriesSummaryRow | null = null;
    for (const s of productLevel.get(p.id) ?? []) {
      if (s.currency !== p.currency) continue;
      if (!first || s.firstAt < first.firstAt) first = s;
      if (!last || s.lastAt > last.lastAt) last = s;
    }
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
      firstPrice: first?.firstPrice ?? null,
      lastPrice: last?.lastPrice ?? null,
    };
  });
}

export async function auditLog(db: CompanionDb, { kind, limit }: AuditQuery): Promise<AuditEventRow[]> {
  const all = db.auditEvents.orderBy('at').reverse();
  return (kind ? all.filter((e) => e.kind === kind) : all).limit(limit).toArray();
}

export async function exportLocal(db: CompanionDb, now: number): Promise<LocalExport> {
  const tables: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) {
      if (!DERIVED_TABLES.includes(table.name)) tables[table.name] = await table.toArray();
    }
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
