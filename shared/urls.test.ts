import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalProductId,
  firstUrl,
  parseAliExpressLink,
  parseSharedParams,
  US_ID_OFFSET,
} from './urls.ts';

const product = (productId: string) => ({ kind: 'product', productId });

describe('parseAliExpressLink', () => {
  it.each([
    ['https://www.aliexpress.com/item/1005006180026951.html', '1005006180026951'],
    [
      'https://es.aliexpress.com/item/1005006180026951.html?spm=a2g0o.home.0.0&gatewayAdapt=glo2esp',
      '1005006180026951',
    ],
    ['https://he.aliexpress.com/item/32993251330.html', '32993251330'],
    ['https://m.aliexpress.com/item/1005006180026951.html#nav', '1005006180026951'],
    ['https://aliexpress.ru/item/1005006180026951.html?sku_id=12000036', '1005006180026951'],
    ['https://m.aliexpress.ru/item/1005006180026951.html', '1005006180026951'],
    ['http://aliexpress.com/item/1739481085.html', '1739481085'],
    ['https://www.aliexpress.com/i/1005006180026951.html', '1005006180026951'],
    ['https://www.aliexpress.com/item/Phone-Case-Cover/32993251330.html', '32993251330'],
    ['https://pt.aliexpress.com/store/product/Some-Title/1234567_32993251330.html', '32993251330'],
    ['https://m.aliexpress.com/app/detail.html?productId=1005006180026951', '1005006180026951'],
    ['HTTPS://WWW.ALIEXPRESS.COM/item/4000465717631.html', '4000465717631'],
  ])('%s → %s', (url, id) => {
    expect(parseAliExpressLink(url)).toEqual(product(id));
  });

  it('turns aliexpress.us ids into the global id (us id − 2^51)', () => {
    // The pairs come from real pages (the fixtures' expected.json).
    expect(parseAliExpressLink('https://www.aliexpress.us/item/3256803382674519.html')).toEqual(
      product('1005003568989271'),
    );
    expect(
      parseAliExpressLink('https://m.aliexpress.us/item/3256802272936208.html?gatewayAdapt=glo2usa'),
    ).toEqual(product('1005002459250960'));
  });

  it('finds the link inside shared text', () => {
    expect(
      parseAliExpressLink(
        'Look what I found on AliExpress! 9.99€ | Case https://es.aliexpress.com/item/1005005424987520.html.',
      ),
    ).toEqual(product('1005005424987520'));
    expect(parseAliExpressLink('www.aliexpress.com/item/1005005424987520.html')).toEqual(
      product('1005005424987520'),
    );
  });

  it('accepts a bare id, normalising us ids', () => {
    expect(parseAliExpressLink('  1005005424987520 ')).toEqual(product('1005005424987520'));
    expect(parseAliExpressLink('3256803382674519')).toEqual(product('1005003568989271'));
  });

  it('reports short share links for the worker to resolve', () => {
    expect(parseAliExpressLink('https://a.aliexpress.com/_mKq1aBc')).toEqual({
      kind: 'short',
      url: 'https://a.aliexpress.com/_mKq1aBc',
    });
    expect(parseAliExpressLink('Check this out http://s.click.aliexpress.com/e/_DlXyZ12 !')).toEqual({
      kind: 'short',
      url: 'https://s.click.aliexpress.com/e/_DlXyZ12',
    });
  });

  it.each([
    ['', 'no-link'],
    ['hello there', 'no-link'],
    ['https://example.com/item/1005005424987520.html', 'not-aliexpress'],
    ['https://aliexpress.com.evil.example/item/1005005424987520.html', 'not-aliexpress'],
    ['https://evilaliexpress.com/item/1005005424987520.html', 'not-aliexpress'],
    ['javascript:alert(1)//aliexpress.com/item/1.html', 'no-link'],
    ['https://www.aliexpress.com/category/100003109/women-clothing.html', 'no-product'],
    ['https://www.aliexpress.com/', 'no-product'],
  ])('%j → none (%s)', (input, reason) => {
    expect(parseAliExpressLink(input)).toEqual({ kind: 'none', reason });
  });
});

describe('canonicalProductId', () => {
  it('keeps global ids and refuses non-ids', () => {
    expect(canonicalProductId('1005006180026951')).toBe('1005006180026951');
    expect(canonicalProductId('0123')).toBeNull();
    expect(canonicalProductId('12a')).toBeNull();
  });

  it('maps every us id back to the global id it was made from', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: US_ID_OFFSET - 1n }), (global) => {
        expect(canonicalProductId((global + US_ID_OFFSET).toString())).toBe(global.toString());
        expect(canonicalProductId(global.toString())).toBe(global.toString());
      }),
    );
  });
});

describe('parseSharedParams', () => {
  it('reads whichever field the sharing app filled', () => {
    expect(
      parseSharedParams({ url: null, text: 'Deal! https://www.aliexpress.com/item/1739481085.html' }),
    ).toEqual(product('1739481085'));
    expect(parseSharedParams({ url: 'https://a.aliexpress.com/_abc', text: 'x' })).toEqual({
      kind: 'short',
      url: 'https://a.aliexpress.com/_abc',
    });
    expect(parseSharedParams({ title: 'nothing', text: 'https://example.org/' })).toEqual({
      kind: 'none',
      reason: 'not-aliexpress',
    });
  });

  it('firstUrl strips trailing punctuation', () => {
    expect(firstUrl('see https://a.aliexpress.com/_x, ok')).toBe('https://a.aliexpress.com/_x');
  });
});
