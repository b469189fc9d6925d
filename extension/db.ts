import { Dexie, type EntityTable } from 'dexie';
import type { Observation } from '../shared/domain.ts';
import type { ExtractStatus, Rating, Store } from '../shared/extract/types.ts';

/**
 * The only file that knows table layouts. Add a new `db.version(n)` block for every change (never edit an
 * old one): later parts add their tables here — notification queue, sync queue, orders — as versions 2, 3…
 */

export interface ProductRow {
  /** Canonical global product id. */
  id: string;
  title: string | null;
  image: string | null;
  /** The last URL it was seen at (the popup finds a tab's product by it when the tab map is gone). */
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

export type AuditKind = 'observed' | 'not-stored' | 'rejected';

export interface AuditEventRow {
  id?: number;
  at: number;
  kind: AuditKind;
  productId: string | null;
  url: string | null;
  status: ExtractStatus | null;
  /** Human-readable why: the extractor's reason, the dedupe count, the rejected sender. */
  detail: string;
  fingerprint: string | null;
  /** Which source produced each field (from ExtractResult.sources). */
  sources: Record<string, string> | null;
}

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
};

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
  return db;
}

export function seriesKeyOf(o: Pick<Observation, 'productId' | 'skuId' | 'currency' | 'region'>): string {
  return [o.productId, o.skuId ?? '*', o.currency, o.region ?? '*'].join('|');
}
