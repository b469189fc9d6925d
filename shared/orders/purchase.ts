import type { PurchaseRecord } from './types.ts';

export interface PriceRead {
  skuId: string | null;
  currency: string;
  price: number;
  observedAt: number;
}

export interface DropAfterPurchase {
  price: number;
  observedAt: number;
  /** Purchase price minus the later price, minor units (> 0). */
  drop: number;
  pct: number;
}

/**
 * "Price dropped after you bought": the latest read of the same variant (else the product as a whole) in the
 * purchase's currency, taken after the order, below what was paid. Some sellers refund the difference.
 */
export function dropAfterPurchase(
  purchase: PurchaseRecord,
  reads: readonly PriceRead[],
): DropAfterPurchase | null {
  const after = reads.filter(
    (r) =>
      r.currency === purchase.currency && (purchase.orderedAt === null || r.observedAt > purchase.orderedAt),
  );
  const sku = purchase.skuId ? after.filter((r) => r.skuId === purchase.skuId) : [];
  const pool = sku.length ? sku : after.filter((r) => r.skuId === null);
  const latest = pool.reduce<PriceRead | null>((a, b) => (!a || b.observedAt > a.observedAt ? b : a), null);
  if (!latest || latest.price >= purchase.unitPrice) return null;
  const drop = purchase.unitPrice - latest.price;
  return {
    price: latest.price,
    observedAt: latest.observedAt,
    drop,
    pct: Math.round((drop / purchase.unitPrice) * 1000) / 10,
  };
}
