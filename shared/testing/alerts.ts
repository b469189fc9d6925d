import type { Watch, WatchRead } from '../alerts.ts';

/** Test builders for the alert rules: one product-level EUR watch and its page reads, shipped to Germany. */

/** 1 March 2026, 12:00 UTC: when the test watch was created. */
export const T0 = Date.UTC(2026, 2, 1, 12);

export function testWatch(conditions: Partial<Watch['conditions']> = {}, extra: Partial<Watch> = {}): Watch {
  return {
    id: 'w1',
    productId: '1005006',
    skuId: null,
    currency: 'EUR',
    region: 'DE',
    title: 'USB-C cable',
    url: 'https://www.aliexpress.com/item/1005006.html',
    conditions: {
      targetPrice: null,
      pctBelowTypical: null,
      allTimeLow: false,
      backInStock: false,
      ...conditions,
    },
    landed: false,
    createdAt: T0,
    snoozedUntil: null,
    ...extra,
  };
}

export function testRead(at: number, price: number, extra: Partial<WatchRead> = {}): WatchRead {
  return {
    productId: '1005006',
    skuId: null,
    currency: 'EUR',
    region: 'DE',
    price,
    originalPrice: null,
    shipping: null,
    observedAt: at,
    flags: [],
    status: 'ok',
    ...extra,
  };
}
