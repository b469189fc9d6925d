import { Dexie, type EntityTable } from 'dexie';
import type { HistoryResponse, SummaryResponse } from '../../shared/api.ts';
import { DB_NAME } from './db-name.ts';

/**
 * The PWA's on-device store and the only file that knows its table layouts. Add a new `version(n)` block for
 * every change; never edit an old one.
 */

export interface WatchRow {
  productId: string;
  currency: string;
  region: string | null;
  /** Alert when the community price is at or below this, in minor units of `currency`. */
  target: number;
  title: string | null;
  addedAt: number;
  /** Last change (pairing sync: the later change wins). Rows from before pairing existed lack it. */
  updatedAt?: number;
  /** The conditions beyond the target that a paired extension's watch carries; kept so an edit here keeps them. */
  conditions?: ExtraConditions;
}

/** shared/pairing.ts pairedWatchSchema's conditions other than the target. */
export interface ExtraConditions {
  pctBelowTypical: number | 'default' | null;
  allTimeLow: boolean;
  backInStock: boolean;
  landed: boolean;
}

/**
 * meta['paired-elsewhere']: paired watches the phone shows but cannot hold as its own (a variant's watch, or one
 * without a target price): they stay on the shared list as the extension wrote them.
 */
export const ELSEWHERE_KEY = 'paired-elsewhere';

/** meta['tombstones']: productId → when it was removed, so a removal reaches a paired device. */
export type Tombstones = Record<string, number>;

/** The last answer the API gave for a series, so the product view and the watchlist work offline. */
export interface SeenRow {
  /** `seenKey(productId, currency, region)`: IndexedDB keys cannot hold null. */
  key: string;
  productId: string;
  summary: SummaryResponse | null;
  history: HistoryResponse | null;
  fetchedAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export function seenKey(productId: string, currency: string, region: string | null): string {
  return `${productId}|${currency}|${region ?? '-'}`;
}

export type PwaDb = Dexie & {
  watches: EntityTable<WatchRow, 'productId'>;
  seen: EntityTable<SeenRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export function openDb(name = DB_NAME): PwaDb {
  const db = new Dexie(name) as PwaDb;
  db.version(1).stores({
    watches: 'productId, addedAt',
    seen: 'key, productId, fetchedAt',
    meta: 'key',
  });
  return db;
}
