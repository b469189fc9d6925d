import { describe, expect, it } from 'vitest';
import { isCacheableApiGet, isPredictorAsset, notificationFromPush, productPath } from './sw-logic.ts';

describe('service worker decisions', () => {
  it('caches only API reads that stay meaningful offline', () => {
    expect(isCacheableApiGet('GET', '/v1/products/123/history')).toBe(true);
    expect(isCacheableApiGet('GET', '/v1/products/123/summary')).toBe(true);
    expect(isCacheableApiGet('POST', '/v1/observations')).toBe(false);
    expect(isCacheableApiGet('GET', '/v1/resolve')).toBe(false);
    expect(isCacheableApiGet('GET', '/v1/pair/abc')).toBe(false);
    expect(isCacheableApiGet('GET', '/index.html')).toBe(false);
  });

  it('keeps the predictor binaries once fetched, and nothing else by that rule', () => {
    expect(isPredictorAsset('/assets/ort-wasm-simd-threaded-BzXv1a2c.wasm')).toBe(true);
    expect(isPredictorAsset('/assets/price-drop-Cq3d9e.onnx')).toBe(true);
    expect(isPredictorAsset('/assets/index-Dd8f.js')).toBe(false);
    expect(isPredictorAsset('/v1/products/1.wasm')).toBe(false);
  });

  it('opens the product a notification is about, and only digit ids', () => {
    expect(productPath('1005006180026951')).toBe('/p/1005006180026951');
    expect(productPath('../evil')).toBe('/');
    expect(productPath(null)).toBe('/');
  });

  it('turns push payloads into notifications', () => {
    expect(
      notificationFromPush(JSON.stringify({ title: 'Cheap now', body: '$9.99', productId: '123456' })),
    ).toEqual({
      title: 'Cheap now',
      body: '$9.99',
      tag: 'product-123456',
      productId: '123456',
      alert: null,
    });
    expect(notificationFromPush('plain text')).toEqual({
      title: 'Price alert',
      body: 'plain text',
      tag: 'companion',
      productId: null,
      alert: null,
    });
    expect(notificationFromPush(null).title).toBe('Price alert');
    expect(notificationFromPush(JSON.stringify({ productId: 'x<script>' })).productId).toBeNull();
  });

  it('keeps an alert’s figures only when they are well formed and name a product', () => {
    const payload = (alert: unknown, productId: unknown = '123456') =>
      notificationFromPush(JSON.stringify({ title: 'Price alert: 14.99 USD', body: '…', productId, alert }));
    expect(payload({ price: '14.99', target: '15.00', currency: 'USD' }).alert).toEqual({
      price: 14.99,
      target: 15,
      currency: 'USD',
    });
    expect(payload({ price: '14.99', target: '15.00', currency: 'USD' }, 'x').alert).toBeNull();
    expect(payload({ price: '-1', target: '15.00', currency: 'USD' }).alert).toBeNull();
    expect(payload({ price: '14.99', target: 15, currency: 'USD' }).alert).toBeNull();
    expect(payload({ price: '14.99', target: '15.00', currency: 'usd' }).alert).toBeNull();
    expect(payload('14.99').alert).toBeNull();
    // The contract's money rules: ISO 4217 codes only, and no more digits than the currency has.
    expect(payload({ price: '14.99', target: '15.00', currency: 'ABC' }).alert).toBeNull();
    expect(payload({ price: '1499.5', target: '1500', currency: 'JPY' }).alert).toBeNull();
    expect(payload({ price: '1499', target: '1500', currency: 'JPY' }).alert).toEqual({
      price: 1499,
      target: 1500,
      currency: 'JPY',
    });
  });
});
