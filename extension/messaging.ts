import type { Watch, WatchConditions, WatchState } from '../shared/alerts.ts';
import type { ExtractResult } from '../shared/extract/types.ts';
import type { PriceSummary } from '../shared/history.ts';
import type { OrderStatus, OrdersRead } from '../shared/orders/types.ts';
import type { Prediction } from '../shared/predict/infer.ts';
import type { CommunityView, DealsView } from './agents/community.ts';
import type { AuditQuery, LocalExport, SeenProduct } from './agents/dashboard.ts';
import type { NotificationSettings } from './agents/notification.ts';
import type { OrdersOutcome, OrderView } from './agents/orders.ts';
import type { PairingStatus } from './agents/pairing.ts';
import type { SharingStatus } from './agents/sync.ts';
import type { WidgetData } from './agents/widget.ts';
import type { AuditEventRow, ProductRow, SkuRow } from './db.ts';

/**
 * Every message between content scripts, the background and extension pages, in one map. The background
 * router (extension/router.ts) checks the sender kind listed here and the payload with the validators in
 * extension/message-validators.ts (kept apart: content scripts import this file and must stay tiny).
 */

export type SenderKind = 'content' | 'ui';

/** Why the content script extracted: first read, a captured pdp response, a variant switch, a soft navigation. */
export type ExtractTrigger = 'load' | 'payload' | 'sku-switch' | 'navigation';

export interface PageExtracted {
  result: ExtractResult;
  trigger: ExtractTrigger;
}

export interface RecordOutcome {
  stored: number;
  deduped: number;
  /** Set when nothing could be stored (status not ok). */
  reason: string | null;
}

export interface PricePoint {
  observedAt: number;
  price: number;
}

export interface ProductView {
  product: ProductRow;
  skus: SkuRow[];
  /** Product-level series (cheapest variant) in the product's currency, oldest first. */
  history: PricePoint[];
  current: PricePoint | null;
  lowest: PricePoint | null;
  highest: PricePoint | null;
  /** What the shopper paid for it, from their orders in the product's currency (chart markers), oldest first. */
  purchases?: PricePoint[];
}

export interface ProductQuery {
  productId?: string | null;
  /** The tab the popup was opened for; the background remembers which product each tab showed. */
  tabId?: number | null;
  url?: string | null;
}

export interface ProductSummary {
  id: string;
  title: string | null;
  image: string | null;
  currency: string | null;
  lastSeenAt: number;
  lastPrice: number | null;
}

/** A watch as the popup and the watchlist page send it; the background fills id (when new) and times. */
export interface WatchInput {
  id: string | null;
  productId: string;
  skuId: string | null;
  currency: string;
  region: string | null;
  title: string | null;
  url: string | null;
  conditions: WatchConditions;
  landed: boolean;
}

export interface WatchView {
  watch: Watch;
  lastPrice: number | null;
  lastSeenAt: number | null;
  snoozed: boolean;
}

/** What a delete hands back so the page can undo it. */
export interface WatchBackup {
  watch: Watch;
  state: WatchState | null;
}

/** How the model did on one held-out source (shared/predict/model-meta.ts), as shown to the shopper. */
export interface HeldOutSource {
  source: string;
  rocAuc: number;
  meanSavings: number;
  captured: number;
  loseOver5: number;
}

/** "Buy now or wait?" with the model's record on held-out data (shared/predict/infer.ts heldOutSummary). */
export interface PredictionView {
  prediction: Prediction;
  /** One line per evaluation source; empty when no model ran (too little history). */
  heldOut: string[];
  /** The same record as numbers, for screens that word it in their own language; null: not evaluated. */
  heldOutSources?: HeldOutSource[] | null;
  /** Features + inference on this device, model already loaded (npm run bench reads it); null: no model ran. */
  modelMs: number | null;
}

export interface Protocol {
  'page:extracted': { from: readonly ['content']; request: PageExtracted; response: RecordOutcome };
  'product:view': { from: readonly ['content', 'ui']; request: ProductQuery; response: ProductView | null };
  'products:recent': { from: readonly ['ui']; request: { limit: number }; response: ProductSummary[] };
  'price:summary': {
    from: readonly ['content', 'ui'];
    request: { productId: string };
    response: PriceSummary | null;
  };
  'price:prediction': {
    from: readonly ['ui'];
    request: { productId: string };
    response: PredictionView | null;
  };
  'watch:save': { from: readonly ['ui']; request: WatchInput; response: Watch };
  'watch:list': { from: readonly ['ui']; request: { productId: string | null }; response: WatchView[] };
  'watch:delete': { from: readonly ['ui']; request: { id: string }; response: WatchBackup | null };
  'watch:restore': { from: readonly ['ui']; request: WatchBackup; response: Watch };
  'notification-settings:get': {
    from: readonly ['ui'];
    request: Record<string, never>;
    response: NotificationSettings;
  };
  'notification-settings:set': {
    from: readonly ['ui'];
    request: NotificationSettings;
    response: NotificationSettings;
  };
  /** Community sharing (extension/agents/sync.ts): consent, "Stop sharing", the API URL, erasure. */
  'sharing:status': { from: readonly ['ui']; request: Record<string, never>; response: SharingStatus };
  'sharing:set': { from: readonly ['ui']; request: { sharing: boolean }; response: SharingStatus };
  'sharing:api-base': { from: readonly ['ui']; request: { apiBase: string | null }; response: SharingStatus };
  'sharing:upload-now': { from: readonly ['ui']; request: Record<string, never>; response: SharingStatus };
  /** Pairing with the phone (extension/agents/pairing.ts): code, end-to-end encrypted watchlist sync, unpair. */
  'pairing:status': { from: readonly ['ui']; request: Record<string, never>; response: PairingStatus };
  'pairing:start': { from: readonly ['ui']; request: Record<string, never>; response: PairingStatus };
  'pairing:sync': { from: readonly ['ui']; request: Record<string, never>; response: PairingStatus };
  'pairing:unpair': { from: readonly ['ui']; request: Record<string, never>; response: PairingStatus };
  'sharing:delete-shared': {
    from: readonly ['ui'];
    request: Record<string, never>;
    response: { deleted: number };
  };
  'community:product': {
    from: readonly ['ui'];
    request: { productId: string };
    response: CommunityView | null;
  };
  'community:deals': { from: readonly ['ui']; request: Record<string, never>; response: DealsView };
  /** Dashboard and privacy centre (extension/agents/dashboard.ts). */
  'products:seen': { from: readonly ['ui']; request: Record<string, never>; response: SeenProduct[] };
  'audit:list': { from: readonly ['ui']; request: AuditQuery; response: AuditEventRow[] };
  'local:export': { from: readonly ['ui']; request: Record<string, never>; response: LocalExport };
  'local:erase': { from: readonly ['ui']; request: Record<string, never>; response: Record<string, number> };
  /** The product-page widget: always about the product of the sender's own tab. */
  'widget:data': { from: readonly ['content']; request: Record<string, never>; response: WidgetData | null };
  'widget:watch': { from: readonly ['content']; request: Record<string, never>; response: WidgetData | null };
  'widget:prediction': {
    from: readonly ['content'];
    request: Record<string, never>;
    response: PredictionView | null;
  };
  /** Orders and deliveries (extension/agents/orders.ts): order-page reads in, the Orders screen out. */
  'orders:read': { from: readonly ['content']; request: { read: OrdersRead }; response: OrdersOutcome };
  'orders:list': { from: readonly ['ui']; request: { status: OrderStatus | null }; response: OrderView[] };
}

export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = Protocol[K]['request'];
export type Response<K extends MessageType> = Protocol[K]['response'];

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  payload: Request<K>;
}

export type Reply<K extends MessageType> = { ok: true; data: Response<K> } | { ok: false; error: string };

export const ALLOWED_SENDERS: { [K in MessageType]: Protocol[K]['from'] } = {
  'page:extracted': ['content'],
  'product:view': ['content', 'ui'],
  'products:recent': ['ui'],
  'price:summary': ['content', 'ui'],
  'price:prediction': ['ui'],
  'watch:save': ['ui'],
  'watch:list': ['ui'],
  'watch:delete': ['ui'],
  'watch:restore': ['ui'],
  'notification-settings:get': ['ui'],
  'notification-settings:set': ['ui'],
  'sharing:status': ['ui'],
  'sharing:set': ['ui'],
  'sharing:api-base': ['ui'],
  'sharing:upload-now': ['ui'],
  'pairing:status': ['ui'],
  'pairing:start': ['ui'],
  'pairing:sync': ['ui'],
  'pairing:unpair': ['ui'],
  'sharing:delete-shared': ['ui'],
  'community:product': ['ui'],
  'community:deals': ['ui'],
  'products:seen': ['ui'],
  'audit:list': ['ui'],
  'local:export': ['ui'],
  'local:erase': ['ui'],
  'widget:data': ['content'],
  'widget:watch': ['content'],
  'widget:prediction': ['content'],
  'orders:read': ['content'],
  'orders:list': ['ui'],
};

/** The one way to talk to the background; `sendMessage` is passed in so content bundles stay tiny. */
export async function request<K extends MessageType>(
  send: (message: unknown) => Promise<unknown>,
  type: K,
  payload: Request<K>,
): Promise<Response<K>> {
  const reply = (await send({ type, payload } satisfies Envelope<K>)) as Reply<K> | undefined;
  if (!reply) throw new Error(`no reply to ${type}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}
