import { type DealsResponse, dealsResponseSchema, historyResponseSchema } from '../../shared/api.ts';
import { strictDecimalToMinor } from '../../shared/api-money.ts';
import type { Observation } from '../../shared/domain.ts';
import {
  dailyRollup,
  isValidPrice,
  type PriceSummary,
  summarizeDays,
  summarizeObservations,
} from '../../shared/history.ts';
import { type ApiClient, createApiClient, dealsPath, type FetchLike, historyPath } from '../community-api.ts';
import { type CompanionDb, readsOfProduct, seriesKeyOf } from '../db.ts';
import type { PricePoint } from '../messaging.ts';
import type { Agent } from './agent.ts';
import { cachedGet } from './community-cache.ts';
import { type CommunityDay, communityDaysOf, communityPointTime, mergeDays } from './community-merge.ts';
import { stripRow } from './price-summary.ts';
import { apiBaseOf, loadSharing } from './sync.ts';

/**
 * Community history and deals for the popup. Asking the API which product is open tells it what the shopper looks
 * at, so nothing is asked without the sharing consent; and nothing here ever fails the popup: without the API
 * the shopper's own history and verdicts stand, with a note that community data is unavailable.
 */

export const COMMUNITY_DAYS = 90;
export const DEALS_LIMIT = 20;

/** 'off': no consent; 'unavailable': the API did not answer and nothing is cached; 'ok': community days merged. */
export type CommunityStatus = 'off' | 'unavailable' | 'ok';

export interface CommunityView {
  status: CommunityStatus;
  currency: string;
  region: string | null;
  /** Published community days, oldest first (minor units). */
  days: CommunityDay[];
  /** Community medians for the days the shopper has no reads of their own: the chart's second series. */
  points: PricePoint[];
  /** The verdicts over the merged history (own days win), or over the own reads alone when status ≠ 'ok'. */
  summary: PriceSummary | null;
  ownDays: number;
  fetchedAt: number | null;
  fromCache: boolean;
  stale: boolean;
}

export interface CommunityDeal {
  productId: string;
  sku: string | null;
  title: string | null;
  url: string;
  price: number;
  typical: number;
  dropPct: number;
  contributors: number;
  day: string;
}

export interface WatchedDrop {
  watchId: string;
  productId: string;
  title: string | null;
  url: string | null;
  currency: string;
  price: number;
  summary: PriceSummary;
}

export interface DealsView {
  /** 'no-reads': the shopper has read no price yet, so their currency and region are unknown. */
  status: CommunityStatus | 'no-reads';
  currency: string | null;
  region: string | null;
  community: CommunityDeal[];
  watched: WatchedDrop[];
  fetchedAt: number | null;
  stale: boolean;
}

const EXCLUDED_FLAGS = new Set(['new-user-price']);

async function productReads(db: CompanionDb, productId: string): Promise<Observation[] | null> {
  const rows = await readsOfProduct(db, productId);
  const latest = rows.findLast((r) => r.skuId === null);
  if (!latest) return null;
  const series = seriesKeyOf(latest);
  return rows.filter((r) => r.series === series).map(stripRow);
}

/** The same read selection as shared/history's summarizeObservations: valid prices, no new-user-only prices. */
function eligible(reads: Observation[], now: number): Observation[] {
  return reads.filter(
    (o) => isValidPrice(o.price) && o.observedAt <= now && !o.flags.some((f) => EXCLUDED_FLAGS.has(f)),
  );
}

export async function communityView(
  db: CompanionDb,
  productId: string,
  now: number,
  api: () => Promise<ApiClient | null>,
): Promise<CommunityView | null> {
  const reads = await productReads(db, productId);
  if (!reads?.length) return null;
  const { currency, region } = reads.at(-1)!;
  const base: CommunityView = {
    status: 'off',
    currency,
    region,
    days: [],
    points: [],
    summary: summarizeObservations(reads, { now }),
    ownDays: 0,
    fetchedAt: null,
    fromCache: false,
    stale: false,
  };
  const own = eligible(reads, now);
  base.ownDays = dailyRollup(own).length;
  const client = await api();
  if (!client) return base;
  const path = historyPath({ productId, currency, region, days: COMMUNITY_DAYS });
  const cached = await cachedGet(
    db,
    `${await apiBaseKey(db)}${path}`,
    now,
    () => client.history(path),
    (b) => {
      const parsed = historyResponseSchema.safeParse(b);
      return parsed.success ? parsed.data : null;
    },
  );
  if (!cached) return { ...base, status: 'unavailable' };
  const days = communityDaysOf(cached.data);
  const ownDays = dailyRollup(own);
  const merged = mergeDays(ownDays, days);
  const latest = own.at(-1);
  const summary = latest
    ? summarizeDays(
        merged,
        {
          price: latest.price,
          originalPrice: latest.originalPrice,
          observedAt: latest.observedAt,
          shippingKnown: false,
        },
        { now },
      )
    : base.summary;
  return {
    ...base,
    status: 'ok',
    days,
    points: merged
      .filter((d) => d.source === 'community')
      .map((d) => ({ observedAt: communityPointTime(d.day), price: d.median })),
    summary,
    fetchedAt: cached.fetchedAt,
    fromCache: cached.fromCache,
    stale: cached.stale,
  };
}

async function apiBaseKey(db: CompanionDb): Promise<string> {
  return apiBaseOf(await loadSharing(db));
}

/** The shopper's market: the currency and ship-to country of their latest product read. */
async function latestMarket(db: CompanionDb): Promise<{ currency: string; region: string | null } | null> {
  const last = await db.observations
    .orderBy('observedAt')
    .reverse()
    .filter((o) => o.skuId === null)
    .first();
  return last ? { currency: last.currency, region: last.region } : null;
}

/** Watched products whose latest read is below their typical price, each with its verdict. */
export async function watchedDrops(db: CompanionDb, now: number): Promise<WatchedDrop[]> {
  const out: WatchedDrop[] = [];
  for (const watch of await db.watchlist.toArray()) {
    const rows = await db.observations
      .where('[series+observedAt]')
      .between([watch.series, Number.NEGATIVE_INFINITY], [watch.series, Number.POSITIVE_INFINITY])
      .toArray();
    const summary = summarizeObservations(rows.map(stripRow), { now, landed: watch.landed });
    if (!summary?.current || summary.changeVsTypicalPct == null || summary.changeVsTypicalPct >= 0) continue;
    const product = await db.products.get(watch.productId);
    out.push({
      watchId: watch.id,
      productId: watch.productId,
      title: watch.title ?? product?.title ?? null,
      url: watch.url ?? product?.url ?? null,
      currency: watch.currency,
      price: summary.current.price,
      summary,
    });
  }
  return out.sort((a, b) => a.summary.changeVsTypicalPct! - b.summary.changeVsTypicalPct!);
}

async function communityDeals(db: CompanionDb, res: DealsResponse): Promise<CommunityDeal[]> {
  const out: CommunityDeal[] = [];
  for (const d of res.deals) {
    const price = strictDecimalToMinor(d.price, res.currency);
    const typical = strictDecimalToMinor(d.typical, res.currency);
    if (price == null || typical == null) continue;
    const product = await db.products.get(d.productId);
    out.push({
      productId: d.productId,
      sku: d.sku,
      title: product?.title ?? null,
      url: product?.url ?? `https://www.aliexpress.com/item/${d.productId}.html`,
      price,
      typical,
      dropPct: d.dropPct,
      contributors: d.contributors,
      day: d.day,
    });
  }
  return out;
}

export async function dealsView(
  db: CompanionDb,
  now: number,
  api: () => Promise<ApiClient | null>,
): Promise<DealsView> {
  const watched = await watchedDrops(db, now);
  const market = await latestMarket(db);
  const base: DealsView = {
    status: 'off',
    currency: market?.currency ?? null,
    region: market?.region ?? null,
    community: [],
    watched,
    fetchedAt: null,
    stale: false,
  };
  const client = await api();
  if (!client) return base;
  if (!market) return { ...base, status: 'no-reads' };
  const path = dealsPath({ ...market, limit: DEALS_LIMIT });
  const cached = await cachedGet(
    db,
    `${await apiBaseKey(db)}${path}`,
    now,
    () => client.deals(path),
    (b) => {
      const parsed = dealsResponseSchema.safeParse(b);
      return parsed.success ? parsed.data : null;
    },
  );
  if (!cached) return { ...base, status: 'unavailable' };
  return {
    ...base,
    status: 'ok',
    community: await communityDeals(db, cached.data),
    fetchedAt: cached.fetchedAt,
    stale: cached.stale,
  };
}

export interface CommunityAgentOptions {
  fetch?: FetchLike;
  now?: () => number;
}

export function communityAgent(db: CompanionDb, options: CommunityAgentOptions = {}): Agent {
  const now = options.now ?? Date.now;
  const fetchFn: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  // No consent, no request: the client only exists while sharing is on.
  const api = async () => {
    const sharing = await loadSharing(db);
    return sharing.sharing ? createApiClient(apiBaseOf(sharing), fetchFn, now) : null;
  };
  return {
    name: 'community',
    handlers: {
      'community:product': ({ productId }) => communityView(db, productId, now(), api),
      'community:deals': () => dealsView(db, now(), api),
    },
  };
}
