import { parseAliExpressLink } from '../../shared/urls.ts';
import type { CompanionDb } from '../db.ts';
import { seriesKeyOf } from '../db.ts';
import type { PricePoint, ProductQuery, ProductSummary, ProductView } from '../messaging.ts';
import type { Agent } from './agent.ts';

/** Read side for the popup, dashboard and in-page widget: what was seen, at which prices. */

export async function productView(db: CompanionDb, productId: string): Promise<ProductView | null> {
  const product = await db.products.get(productId);
  if (!product) return null;
  const skus = await db.skus.where('productId').equals(productId).toArray();
  const rows = product.currency
    ? await db.observations
        .where('[productId+observedAt]')
        .between([productId, -Infinity], [productId, Infinity])
        .toArray()
    : [];
  const series = product.currency
    ? seriesKeyOf({ productId, skuId: null, currency: product.currency, region: lastRegion(rows) })
    : null;
  const history: PricePoint[] = rows
    .filter((r) => r.series === series)
    .map((r) => ({ observedAt: r.observedAt, price: r.price }));
  const current = history.at(-1) ?? null;
  let lowest: PricePoint | null = null;
  let highest: PricePoint | null = null;
  for (const point of history) {
    if (!lowest || point.price < lowest.price) lowest = point;
    if (!highest || point.price > highest.price) highest = point;
  }
  // Purchase markers (orders agent): what the shopper paid, in the currency the chart is drawn in.
  const purchases: PricePoint[] = product.currency
    ? (await db.purchases.where('productId').equals(productId).toArray())
        .filter((p) => p.currency === product.currency && p.orderedAt !== null)
        .map((p) => ({ observedAt: p.orderedAt!, price: p.unitPrice }))
        .sort((a, b) => a.observedAt - b.observedAt)
    : [];
  return { product, skus, history, current, lowest, highest, purchases };
}

/** The region of the latest product-level read: prices for different ship-to countries do not compare. */
function lastRegion(rows: { skuId: string | null; region: string | null }[]): string | null {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.skuId === null) return rows[i]!.region;
  return null;
}

export async function recentProducts(db: CompanionDb, limit: number): Promise<ProductSummary[]> {
  const products = await db.products.orderBy('lastSeenAt').reverse().limit(limit).toArray();
  return Promise.all(
    products.map(async (p) => {
      const last = await db.observations
        .where('[productId+observedAt]')
        .between([p.id, -Infinity], [p.id, Infinity])
        .reverse()
        .filter((o) => o.skuId === null && o.currency === p.currency)
        .first();
      return {
        id: p.id,
        title: p.title,
        image: p.image,
        currency: p.currency,
        lastSeenAt: p.lastSeenAt,
        lastPrice: last?.price ?? null,
      };
    }),
  );
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
