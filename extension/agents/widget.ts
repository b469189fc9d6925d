import type { Watch, WatchConditions } from '../../shared/alerts.ts';
import type { PriceSummary } from '../../shared/history.ts';
import type { CompanionDb } from '../db.ts';
import type { PredictionView, PricePoint, WatchInput } from '../messaging.ts';
import type { Agent } from './agent.ts';
import { productView } from './catalog.ts';
import { priceSummary } from './price-summary.ts';

/**
 * The product-page widget's background side. The widget is NOT part of the product-page content script (that one
 * is held to 15 KB gzipped): once a read of a tab is stored — so the price is known — the background injects
 * `price-widget.js` into that tab with `scripting.executeScript` (host permissions stay AliExpress-only). The
 * widget only ever asks about the product its own tab shows: the tab comes from the checked sender, not the page.
 */

export interface WidgetData {
  productId: string;
  title: string | null;
  currency: string;
  /** The product-level series of the last 90 days, oldest first. */
  points: PricePoint[];
  summary: PriceSummary | null;
  watched: boolean;
}

export interface WidgetAgentOptions {
  tabProduct: (tabId: number) => Promise<string | null>;
  saveWatch: (input: WatchInput) => Promise<Watch>;
  inject: (tabId: number) => Promise<void>;
  /** The popup's buy-or-wait answer (prediction agent); the model never runs in the page. */
  predict?: (productId: string) => Promise<PredictionView | null>;
  now?: () => number;
}

const DAY = 86_400_000;
/** What the widget's Watch button asks for: any drop below the usual price, or a new all-time low. */
export const WIDGET_WATCH: WatchConditions = {
  targetPrice: null,
  pctBelowTypical: 'default',
  allTimeLow: true,
  backInStock: false,
};

export async function widgetData(
  db: CompanionDb,
  productId: string,
  now: number,
): Promise<WidgetData | null> {
  const view = await productView(db, productId);
  if (!view?.product.currency) return null;
  const since = now - 90 * DAY;
  return {
    productId,
    title: view.product.title,
    currency: view.product.currency,
    points: view.history.filter((p) => p.observedAt >= since),
    summary: await priceSummary(db, productId, now),
    watched: (await db.watchlist.where('productId').equals(productId).count()) > 0,
  };
}

export function widgetAgent(db: CompanionDb, options: WidgetAgentOptions): Agent {
  const now = options.now ?? Date.now;
  const productOf = async (tabId: number | null) => (tabId === null ? null : options.tabProduct(tabId));
  return {
    name: 'widget',
    handlers: {
      'widget:data': async (_payload, sender) => {
        const productId = await productOf(sender.tabId);
        return productId ? widgetData(db, productId, now()) : null;
      },
      'widget:prediction': async (_payload, sender) => {
        const productId = await productOf(sender.tabId);
        return productId && options.predict ? options.predict(productId) : null;
      },
      'widget:watch': async (_payload, sender) => {
        const productId = await productOf(sender.tabId);
        const product = productId ? await db.products.get(productId) : undefined;
        if (!product?.currency) throw new Error('no product on this tab');
        await options.saveWatch({
          id: null,
          productId: product.id,
          skuId: null,
          currency: product.currency,
          region: null,
          title: product.title,
          url: product.url,
          conditions: WIDGET_WATCH,
          landed: false,
        });
        return widgetData(db, product.id, now());
      },
    },
    onRecorded: async ({ outcome, sender }) => {
      if (sender.kind !== 'content' || sender.tabId === null || outcome.reason !== null) return;
      try {
        await options.inject(sender.tabId);
      } catch {
        // The tab navigated away or closed between the read and the injection: nothing to show it on.
      }
    },
  };
}
