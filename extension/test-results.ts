import type { ExtractResult } from '../shared/extract/types.ts';

/** Hand-made extractor results for unit tests of the storing side (the extractor has its own tests). */
export function okResult(overrides: Partial<ExtractResult> = {}): ExtractResult {
  return {
    status: 'ok',
    reason: null,
    fingerprint: null,
    productId: '1005012410104961',
    title: 'Hair straightener <b>2600mAh</b>',
    image: 'https://ae-pic-a1.aliexpress-media.com/kf/example.jpg',
    url: 'https://id.aliexpress.com/item/1005012410104961.html',
    currency: 'IDR',
    tradeCurrency: null,
    region: 'ID',
    price: { min: 34329700, max: 34472100 },
    originalPrice: { min: 74626900, max: 74938700 },
    skus: [
      {
        skuId: '12000058476050807',
        attributes: 'Warna: WHITE',
        price: 34329700,
        originalPrice: 74626900,
        stock: 10,
        available: true,
      },
      {
        skuId: '12000058476050808',
        attributes: 'Warna: Abu-abu',
        price: 34472100,
        originalPrice: 74938700,
        stock: 995,
        available: true,
      },
    ],
    selectedSkuId: '12000058476050807',
    shipping: null,
    store: { id: '1103920178', name: 'Shop1103920178 Store', positiveRate: 90.5 },
    rating: { average: 4.5, count: 4 },
    lot: null,
    flags: [],
    sources: { price: 'pdp.PRICE.skuIdStrPriceInfoMap' },
    ...overrides,
  };
}

export function notOkResult(status: ExtractResult['status'], reason: string): ExtractResult {
  return okResult({
    status,
    reason,
    productId: null,
    title: null,
    currency: null,
    price: null,
    originalPrice: null,
    skus: [],
    selectedSkuId: null,
    store: null,
    rating: null,
    sources: {},
  });
}
