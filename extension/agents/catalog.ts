import { parseAliExpressLink } from '../../shared/urls.ts';
import { type CompanionDb, type SeriesSummaryRow, seriesKeyOf } from '../db.ts';
import type { PricePoint, ProductQuery, ProductSummary, ProductView } from '../messaging.ts';
import type { Agent } from './agent.ts';

/** Read side for the popup, dashboard and in-page widget: what was seen, at which prices. */

export async function productView(db: CompanionDb, productId: string): Promise<ProductView | null> {
  // One read transaction, the independent reads side by side; the chart's points are one packed row (db.ts
  // SeriesPointsRow), not one structured-clone read per stored observation.
  return db.transaction(
    'r',
    [db.products, db.skus, db.seriesSummaries, db.seriesPoints, db.purchases],
    async () => {
      const [product, skus, summaries, bought] = await Promise.all([
        db.products.get(productId),
        db.skus.where('productId').equals(productId).toArray(),
        db.seriesSummaries.where('productId').equals(productId).toArray(),
        db.purchases.where('productId').equals(productId).toArray(),
      ]);
      if (!product) return null;
      const series = product.currency
        ? seriesKeyOf({ productId, skuId: null, currency: product.currency, region: lastRegion(summaries) })
        : null;
      const packed = series ? await db.seriesPoints.get(series) : undefined;
      const history: PricePoint[] = packed
        ? packed.times.map((observedAt, i) => ({ observedAt, price: packed.prices[i]! }))
        : [];
      const current = history.at(-1) ?? null;
      let lowest: PricePoint | null = null;
      let highest: PricePoint | null = null;
      for (const point of history) {
        if (!lowest || point.price < lowest.price) lowest = point;
        if (!highest || point.price > highest.price) highest = point;
      }
      // Purchase markers (orders agent): what the shopper paid, in the currency the chart is drawn in.
      const purchases: PricePoint[] = product.currency
        ? bought
            .filter((p) => p.currency === product.currency && p.orderedAt !== null)
            .map((p) => ({ observedAt: p.orderedAt!, price: p.unitPrice }))
            .sort((a, b) => a.observedAt - b.observedAt)
        : [];
      return { product, skus, history, current, lowest, highest, purchases };
    },
  );
}

/** The region of the latest product-level read (any currency): prices for different ship-to countries do not compare. */
function lastRegion(summaries: SeriesSummaryRow[]): string | null {
  let last: SeriesSummaryRow | null = null;
  for (const s of summaries) if (s.skuId === null && (!last || s.lastAt >= last.lastAt)) last = s;
  return last?.region ?? null;
}

export async function recentProducts(db: CompanionDb, limit: number): Promise<ProductSummary[]> {
  return db.transaction('r', [db.products, db.seriesSummaries], async () => {
    const products = await db.products.orderBy('lastSeenAt').reverse().limit(limit).toArray();
    return Promise.all(
      products.map(async (p) => {
        // The latest product-level read in the product's currency, from the kept series summaries.
        let last: SeriesSummaryRow | null = null;
        for (const s of await db.seriesSummaries.where('productId').equals(p.id).toArray()) {
          if (s.skuId === null && s.currency === p.currency && (!last || s.lastAt > last.lastAt)) last = s;
        }
        return {
          id: p.id,
          title: p.title,
          image: p.image,
          currency: p.currency,
          lastSeenAt: p.lastSeenAt,
          lastPrice: last?.lastPrice ?? null,
        };
      }),
    );
  });
}

export interface CatalogAgentOptions {
  tabProduct?: (tabId: number) => Promise<string | null>;
}

export function catalogAgent(db: CompanionDb, options: CatalogAgentOptions = {}): Agent {
  return {
    name: 'catalog',
    handlers: {
      'product:view': async (query, sender) => {
        const id = await resolveProductId(
          db,
          query,
          sender.kind === 'content' ? sender.tabId : null,
          options,
        );
        return id ? productView(db, id) : null;
      },
      'products:recent': async ({ limit }) => recentProducts(db, limit),
    },
  };
}

/** By id, else by the tab the question is about, else by the item id in the URL. */
async function resolveProductId(
  db: CompanionDb,
  query: ProductQuery,
  senderTab: number | null,
  options: CatalogAgentOptions,
): Promise<string | null> {
  if (query.productId) return query.productId;
  const tabId = query.tabId ?? senderTab;
  if (tabId !== null && tabId !== undefined && options.tabProduct) {
    const id = await options.tabProduct(tabId);
    if (id) return id;
  }
  if (query.url) {
    // The tab map is gone (browser restarted): the URL names the item; aliexpress.us ids are normalised.
    const link = parseAliExpressLink(query.url);
    if (link.kind === 'product' && (await db.products.get(link.productId))) return link.productId;
  }
  return null;
}
