import { Dexie, type EntityTable } from 'dexie';
import type { Alert, Digest, PriorityLevel, Watch, WatchState } from '../shared/alerts.ts';
import type { Observation } from '../shared/domain.ts';
import type { ExtractStatus, Rating, Store } from '../shared/extract/types.ts';
import type { OrderEventRecord, OrderNotice, OrderRecord, PurchaseRecord } from '../shared/orders/types.ts';
import { aggregatesOf, aggregator, emptyPoints, insertPoint, readTimesOf, summaryOf } from './aggregates.ts';

/**
 * The only file that knows table layouts. Add a new `db.version(n)` block for every change (never edit an
 * old one): later parts add their tables here — notification queue, sync queue, orders — as versions 2, 3…
 */

export interface ProductRow {
  /** Canonical global product id. */
  id: string;
  title: string | null;
  image: string | null;
  /** The last URL it was seen at (links back from the popup and dashboard). */
  url: string | null;
  currency: string | null;
  store: Store | null;
  rating: Rating | null;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface SkuRow {
  productId: string;
  skuId: string;
  attributes: string;
  currency: string | null;
  /** Latest price read for this variant (minor units); the history lives in `observations`. */
  price: number | null;
  originalPrice: number | null;
  stock: number | null;
  available: boolean;
  updatedAt: number;
}

export interface ObservationRow extends Observation {
  id?: number;
  /** `seriesKeyOf(...)`: IndexedDB keys cannot hold null, so the series is folded into one string. */
  series: string;
}

/**
 * Kept aggregates of one series (extension/aggregates.ts), written in the same transaction as its reads: what
 * the dashboard needs of every product without walking the reads.
 */
export interface SeriesSummaryRow {
  series: string;
  productId: string;
  skuId: string | null;
  currency: string;
  region: string | null;
  count: number;
  firstAt: number;
  firstPrice: number;
  lastAt: number;
  lastPrice: number;
  low: number;
  high: number;
}

/** Every read of one series as two aligned arrays, oldest first: a whole chart in one row. */
export interface SeriesPointsRow {
  series: string;
  productId: string;
  times: number[];
  prices: number[];
}

/** When each stored page read of a product happened (its 'observed' audit events): the interest score's views and dwell. */
export interface ProductReadsRow {
  productId: string;
  /** Ascending. */
  times: number[];
}

export interface WatchRow {
  id?: number;
  productId: string;
  skuId: string | null;
  currency: string;
  region: string | null;
  /** Minor units; null = any drop. */
  targetPrice: number | null;
  createdAt: number;
}

export interface AlertRow {
  id?: number;
  watchId: number;
  productId: string;
  kind: string;
  price: number;
  createdAt: number;
  seenAt: number | null;
}

/** `alert`: a notification-agent decision (fired, suppressed and why, deferred, delivered, clicked…). */
/** `sync`: community sharing — consent given or withdrawn, items dropped (queue full, refused by the API), erasure. */
/** `evicted`: the storage budget thinned or removed old reads (agents/storage-budget.ts). */
export type AuditKind = 'observed' | 'not-stored' | 'rejected' | 'alert' | 'sync' | 'evicted';

/**
 * What an audit row says, by catalogue key (`log.<key>` in ui/locales; `.one`/`.other` when it carries a count).
 * Values named trigger, status, decision, what, level, mode and cause are codes the screen words too.
 */
export type AuditMessageKey =
  | 'observed'
  | 'notStored'
  | 'noProductId'
  | 'noCurrency'
  | 'noPrice'
  | 'decision'
  | 'decisionTyped'
  | 'digest'
  | 'delivered'
  | 'deliveredAgain'
  | 'clicked'
  | 'dismissed'
  | 'snoozed'
  | 'queued'
  | 'watchCreated'
  | 'watchEdited'
  | 'watchDeleted'
  | 'watchRestored'
  | 'evicted'
  | 'orders'
  | 'sharingOn'
  | 'sharingStopped'
  | 'sharingDeclined'
  | 'permissionWithdrawn'
  | 'queueFull'
  | 'expired'
  | 'refusedByApi'
  | 'erased';

export interface AuditMessage {
  key: AuditMessageKey;
  vars: Record<string, string | number>;
}

export interface AuditEventRow {
  id?: number;
  at: number;
  kind: AuditKind;
  productId: string | null;
  url: string | null;
  status: ExtractStatus | null;
  /** Human-readable why: the extractor's reason, the dedupe count, the rejected sender (English, kept as written). */
  detail: string;
  /**
   * The same event as a catalogue key and its values, so the Privacy centre can word it in the shopper's language
   * (ui/audit-text.ts). Optional: rows written before it existed, and rare kinds, show `detail`. Not indexed, so
   * adding it needs no schema version.
   */
  message?: AuditMessage;
  fingerprint: string | null;
  /** Which source produced each field (from ExtractResult.sources). */
  sources: Record<string, string> | null;
}

/** A watch (shared/alerts) plus its series key, the index the notification agent looks reads up by. */
export interface WatchlistRow extends Watch {
  series: string;
}

export type WatchStateRow = WatchState;

export type OutboxStatus = 'pending' | 'delivering' | 'delivered' | 'merged';

/**
 * Every alert and digest between detection and delivery. The id is deterministic and doubles as the
 * notification id, so a worker restarted mid-delivery finds what it already showed instead of showing it twice.
 */
export interface OutboxRow {
  id: string;
  /** 'notice': an order notification (shared/orders/notify.ts), carried in `notice`. */
  kind: 'alert' | 'digest' | 'notice';
  status: OutboxStatus;
  /** 'now' and 'deferred' rows are shown one by one; 'digest' rows are merged into a digest row when due. */
  mode: 'now' | 'deferred' | 'digest';
  deliverAt: number;
  alert: Alert | null;
  digest: Digest | null;
  notice?: OrderNotice | null;
  score: number;
  level: PriorityLevel;
  createdAt: number;
  deliveredAt: number | null;
  /** For merged rows: the digest that carried them. */
  digestId: string | null;
  attempts: number;
}

/** One local read waiting to be shared (sync agent). `obsId` is the observations row it copies. */
export interface SyncQueueRow {
  id?: number;
  obsId: number;
  observation: Observation;
  enqueuedAt: number;
}

/** A community API response kept for its TTL (sync agent): reopening a product within it makes no request. */
export interface CommunityCacheRow {
  /** The request path and query, e.g. `/v1/products/1/history?currency=EUR&days=90`. */
  key: string;
  fetchedAt: number;
  expiresAt: number;
  body: unknown;
}

/** Orders, their tracking events and purchase markers: the shapes live in shared/orders/types.ts. */
export type OrderRow = OrderRecord;
export type OrderEventRow = OrderEventRecord;
export type PurchaseRow = PurchaseRecord;

export interface SettingRow {
  key: string;
  value: unknown;
}

export type CompanionDb = Dexie & {
  products: EntityTable<ProductRow, 'id'>;
  skus: Dexie.Table<SkuRow, [string, string]>;
  observations: EntityTable<ObservationRow, 'id'>;
  watches: EntityTable<WatchRow, 'id'>;
  alerts: EntityTable<AlertRow, 'id'>;
  auditEvents: EntityTable<AuditEventRow, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  watchlist: EntityTable<WatchlistRow, 'id'>;
  watchStates: EntityTable<WatchStateRow, 'watchId'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  syncQueue: EntityTable<SyncQueueRow, 'id'>;
  communityCache: EntityTable<CommunityCacheRow, 'key'>;
  orders: EntityTable<OrderRow, 'id'>;
  orderEvents: EntityTable<OrderEventRow, 'id'>;
  purchases: EntityTable<PurchaseRow, 'id'>;
  seriesSummaries: EntityTable<SeriesSummaryRow, 'series'>;
  seriesPoints: EntityTable<SeriesPointsRow, 'series'>;
  productReads: EntityTable<ProductReadsRow, 'productId'>;
};

/** Derived from `observations` (rebuilt from them at any time), so left out of the shopper's export. */
export const DERIVED_TABLES: readonly string[] = ['seriesSummaries', 'seriesPoints', 'productReads'];

export const DB_NAME = 'companion';

export function openDb(name: string = DB_NAME): CompanionDb {
  const db = new Dexie(name) as CompanionDb;
  db.version(1).stores({
    products: 'id, lastSeenAt',
    skus: '[productId+skuId], productId',
    observations: '++id, [series+observedAt], [productId+observedAt], observedAt',
    watches: '++id, productId',
    alerts: '++id, watchId, productId, createdAt',
    auditEvents: '++id, at, productId, kind',
    settings: 'key',
  });
  // Notification agent. Watches get string ids (the v1 `watches`/`alerts` placeholders stay unused).
  db.version(2).stores({
    watchlist: 'id, productId, series',
    watchStates: 'watchId',
    outbox: 'id, [status+deliverAt], status',
  });
  // Sync agent: the upload queue (oldest first by id) and cached community responses.
  db.version(3).stores({
    syncQueue: '++id, &obsId',
    communityCache: 'key, expiresAt',
  });
  // Orders and deliveries (issue 10): orders keyed by AliExpress order id, events and purchases by content.
  db.version(4).stores({
    orders: 'id, status, orderedAt, updatedAt',
    orderEvents: 'id, orderId, [orderId+at]',
    purchases: 'id, productId, orderId',
  });
  // Kept per-series aggregates (extension/aggregates.ts), backfilled from the stored reads once.
  db.version(5)
    .stores({
      seriesSummaries: 'series, productId',
      seriesPoints: 'series, productId',
    })
    .upgrade(async (tx) => {
      const acc = aggregator();
      await tx.table('observations').each((read: ObservationRow) => acc.add(read));
      const { summaries, points } = acc.result();
      await tx.table('seriesSummaries').bulkPut(summaries);
      await tx.table('seriesPoints').bulkPut(points);
    });
  // Page-read times per product, kept beside the audit log so Home does not read the whole log.
  db.version(6)
    .stores({ productReads: 'productId' })
    .upgrade(async (tx) => {
      const events: AuditEventRow[] = await tx
        .table('auditEvents')
        .where('kind')
        .equals('observed')
        .toArray();
      await tx.table('productReads').bulkPut(readTimesOf(events));
    });
  return db;
}

/** Every stored read of one product, oldest first (the [productId+observedAt] index). */
export function readsOfProduct(db: CompanionDb, productId: string): Promise<ObservationRow[]> {
  return db.observations
    .where('[productId+observedAt]')
    .between([productId, Number.NEGATIVE_INFINITY], [productId, Number.POSITIVE_INFINITY])
    .toArray();
}

/**
 * Stores reads and folds each into its series' aggregates. Joins the caller's transaction when that includes
 * observations, seriesSummaries and seriesPoints (Dexie), else runs in one of its own.
 */
export async function addObservations(db: CompanionDb, reads: readonly Observation[]): Promise<number[]> {
  return db.transaction('rw', [db.observations, db.seriesSummaries, db.seriesPoints], async () => {
    const ids: number[] = [];
    const touched = new Map<string, { key: ObservationRow; points: SeriesPointsRow }>();
    for (const read of reads) {
      const row: ObservationRow = { ...read, series: seriesKeyOf(read) };
      ids.push((await db.observations.add(row)) as number);
      let entry = touched.get(row.series);
      if (!entry) {
        entry = { key: row, points: (await db.seriesPoints.get(row.series)) ?? emptyPoints(row) };
        touched.set(row.series, entry);
      }
      insertPoint(entry.points, row);
    }
    for (const { key, points } of touched.values()) {
      await db.seriesPoints.put(points);
      await db.seriesSummaries.put(summaryOf(key, points)!);
    }
    return ids;
  });
}

/** Notes a stored page read of a product (the caching agent, beside its 'observed' audit event). */
export async function recordRead(db: CompanionDb, productId: string, at: number): Promise<void> {
  await db.transaction('rw', db.productReads, async () => {
    const row = (await db.productReads.get(productId)) ?? { productId, times: [] };
    let i = row.times.length;
    while (i > 0 && row.times[i - 1]! > at) i--;
    row.times.splice(i, 0, at);
    await db.productReads.put(row);
  });
}

/** Recomputes the aggregates of some products from their stored reads (after deleting reads), in one transaction. */
export async function rebuildAggregates(db: CompanionDb, productIds: Iterable<string>): Promise<void> {
  await db.transaction('rw', [db.observations, db.seriesSummaries, db.seriesPoints], async () => {
    for (const productId of new Set(productIds)) {
      await db.seriesSummaries.where('productId').equals(productId).delete();
      await db.seriesPoints.where('productId').equals(productId).delete();
      const { summaries, points } = aggregatesOf(await readsOfProduct(db, productId));
      await db.seriesSummaries.bulkPut(summaries);
      await db.seriesPoints.bulkPut(points);
    }
  });
}

export function seriesKeyOf(o: Pick<Observation, 'productId' | 'skuId' | 'currency' | 'region'>): string {
  return [o.productId, o.skuId ?? '*', o.currency, o.region ?? '*'].join('|');
}
