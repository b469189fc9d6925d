import { isDeliveryEvent } from './fields.ts';
import type {
  OrderEventRecord,
  OrderRecord,
  OrderSnapshot,
  OrderSource,
  OrderStatus,
  PurchaseRecord,
} from './types.ts';

export interface Merged {
  order: OrderRecord;
  /** Every event of this read; ids are content-derived, so storing them again is a no-op. */
  events: OrderEventRecord[];
  /** One per priced line of the merged order, keyed by order, product and SKU. */
  purchases: PurchaseRecord[];
  /** Whether anything the shopper would see changed (the audit log says "updated" or "unchanged"). */
  changed: boolean;
}

const RANK: Record<OrderStatus, number> = {
  unknown: 0,
  'awaiting-payment': 1,
  processing: 2,
  shipped: 3,
  delivered: 4,
  completed: 5,
  cancelled: 5,
};

/**
 * The order pages are authoritative about status (they alone know cancelled or completed), except that their
 * "Awaiting delivery" does not undo a carrier's delivery report (the order stays open until the shopper
 * confirms receipt). The tracking page can only move an order forward.
 */
export function mergeStatus(prev: OrderStatus | undefined, next: OrderStatus | null, source: OrderSource) {
  if (!next || next === 'unknown') return prev ?? 'unknown';
  if (!prev) return next;
  if (source === 'tracking') {
    return RANK[next] > RANK[prev] && prev !== 'cancelled' && prev !== 'completed' ? next : prev;
  }
  return next === 'shipped' && prev === 'delivered' ? prev : next;
}

/**
 * A read merged into what was stored: fields this read did not see keep their stored values, lists it did see
 * replace them. Pure and idempotent: merging the same read twice gives the same order (bar `updatedAt`).
 */
export function mergeOrder(
  prev: OrderRecord | undefined,
  snap: OrderSnapshot,
  source: OrderSource,
  now: number,
): Merged {
  const events: OrderEventRecord[] = (snap.parcels ?? []).flatMap((p) =>
    p.events.map((e) => ({
      ...e,
      id: `${snap.orderId}|${p.trackingNumber ?? '-'}|${e.at}|${e.code ?? e.title ?? ''}`,
      orderId: snap.orderId,
      trackingNumber: p.trackingNumber,
    })),
  );
  const status = mergeStatus(prev?.status, snap.status, source);
  const firstDelivery = events
    .filter(isDeliveryEvent)
    .reduce<number | null>((min, e) => (min === null || e.at < min ? e.at : min), null);
  const known = [prev?.deliveredAt ?? null, firstDelivery].filter((t): t is number => t !== null);
  const deliveredAt = known.length
    ? Math.min(...known)
    : status === 'delivered' && prev?.status !== 'delivered'
      ? now
      : (prev?.deliveredAt ?? null);
  const order: OrderRecord = {
    id: snap.orderId,
    orderedAt: snap.orderedAt ?? prev?.orderedAt ?? null,
    status,
    statusText: snap.statusText ?? prev?.statusText ?? null,
    storeName: snap.storeName ?? prev?.storeName ?? null,
    storeId: snap.storeId ?? prev?.storeId ?? null,
    currency: snap.currency ?? prev?.currency ?? null,
    total: snap.total ?? prev?.total ?? null,
    // Rendered cards carry no line or SKU ids: they never replace lines an API response gave.
    lines:
      snap.lines?.length && !(source === 'dom' && prev?.lines.length && prev.sources.some((s) => s !== 'dom'))
        ? snap.lines
        : (prev?.lines ?? []),
    parcels: snap.parcels
      ? snap.parcels.map(({ events: _events, ...parcel }) => parcel)
      : (prev?.parcels ?? []),
    protectionEndsAt: snap.protectionEndsAt ?? prev?.protectionEndsAt ?? null,
    deliveredAt,
    sources: prev?.sources.includes(source) ? prev.sources : [...(prev?.sources ?? []), source],
    firstSeenAt: prev?.firstSeenAt ?? now,
    updatedAt: now,
  };
  const purchases: PurchaseRecord[] = [];
  for (const line of order.lines) {
    if (!line.productId || line.unitPrice === null || !order.currency) continue;
    purchases.push({
      id: `${order.id}|${line.productId}|${line.skuId ?? '*'}`,
      orderId: order.id,
      productId: line.productId,
      skuId: line.skuId,
      title: line.title,
      currency: order.currency,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      orderedAt: order.orderedAt,
    });
  }
  const visible = (o: OrderRecord | undefined) =>
    o && JSON.stringify({ ...o, updatedAt: 0, firstSeenAt: 0, sources: [] });
  return { order, events, purchases, changed: visible(prev) !== visible(order) };
}
