import { describe, expect, it } from 'vitest';
import { idString, normaliseProductId, productIdFromUrl } from './ids.ts';

describe('product ids', () => {
  it('normalises aliexpress.us ids (global + 2^51) with BigInt', () => {
    expect(normaliseProductId('3256803382674519')).toBe('1005003568989271');
    expect(normaliseProductId(3256803246120444)).toBe('1005003432435196');
    expect(normaliseProductId('1005003568989271')).toBe('1005003568989271');
    expect(normaliseProductId('32993251330')).toBe('32993251330');
  });
  it('reads the id from item URLs on every host', () => {
    expect(productIdFromUrl('https://www.aliexpress.us/item/3256803382674519.html')).toBe('1005003568989271');
    expect(productIdFromUrl('https://he.aliexpress.com/item/32993251330.html?spm=a2g0o')).toBe('32993251330');
    expect(productIdFromUrl('https://aliexpress.ru/item/1005006180026951.html')).toBe('1005006180026951');
    expect(productIdFromUrl('https://m.aliexpress.com/i/1005006180026951.html')).toBe('1005006180026951');
    expect(productIdFromUrl('https://www.aliexpress.com/item/-/3256803246120444.html')).toBe(
      '1005003432435196',
    );
    expect(productIdFromUrl('https://www.aliexpress.com/p/detail.html?productId=1005006180026951')).toBe(
      '1005006180026951',
    );
    expect(productIdFromUrl('https://www.aliexpress.com/')).toBeNull();
    expect(productIdFromUrl(undefined)).toBeNull();
  });
  it('refuses numbers that were already rounded', () => {
    expect(idString(Number('12000058476050807'))).toBeNull();
    expect(idString('12000058476050807')).toBe('12000058476050807');
    expect(idString('0123')).toBeNull();
    expect(idString(-5)).toBeNull();
  });
});
