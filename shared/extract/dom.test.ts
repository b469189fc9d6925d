/**
 * The DOM layer on small pages built here in today's shape (hashed CSS-module class names) — no real
 * rendered 2024+ page is public. The hashes below are made up on purpose: only prefixes may matter.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { queryDocument, queryHtml } from './dom.ts';
import { extract } from './index.ts';
import type { DocumentLike } from './types.ts';

const page = (hash: string) => `<!doctype html><html><head><title>x</title></head><body>
  <h1 data-pl="product-title" class="title--wrap--${hash}">Cargador GaN 65W</h1>
  <div class="price-default--wrap--${hash}">
    <span class="price-default--current--${hash} price-default--lg--${hash}">€1,106.18</span>
    <span class="price-default--original--${hash}"><span>€2.212,36</span></span>
  </div>
  <div class="shipping--wrap--${hash}"><div class="dynamic-shipping-line dynamic-shipping-titleLayout"><strong>Envío gratis</strong></div></div>
  <a class="store-detail--storeName--${hash}">Demo Store</a>
  <script>window._d_c_ = window._d_c_ || {}; window._d_c_.isCSR = true;</script>
</body></html>`;

const doc = (html: string) => parseHTML(html).document as unknown as DocumentLike;
const url = 'https://es.aliexpress.com/item/1005006180026951.html';

describe('DOM layer', () => {
  it('reads a rendered 2024+ page by class prefixes, whatever the hash', () => {
    for (const hash of ['F8OlYIo', 'zz_9-Q1', 'a']) {
      const html = page(hash);
      const r = extract({ html, url, document: doc(html) });
      expect(r.status).toBe('ok');
      expect(r.currency).toBe('EUR');
      expect(r.price).toEqual({ min: 110618, max: 110618 });
      expect(r.originalPrice).toEqual({ min: 221236, max: 221236 });
      expect(r.title).toBe('Cargador GaN 65W');
      expect(r.shipping?.free).toBe(true);
      expect(r.store?.name).toBe('Demo Store');
      expect(r.sources.price).toBe('dom:price-default--current');
    }
  });
  it('gives the same answer from the HTML text alone', () => {
    const r = extract({ html: page('Q1w2E3r'), url });
    expect(r.price).toEqual({ min: 110618, max: 110618 });
    expect(r.sources.price).toBe('html:price-default--current');
  });
  it('matches prefixes of class tokens only, not substrings inside other class names', () => {
    const html =
      '<div class="xprice-default--current--A">€1,00</div><div class="a price-default--current--B">€2,00</div>';
    expect(queryDocument(doc(html))('price-default--current')).toEqual(['€2,00']);
    expect(queryHtml(html)('price-default--current')).toEqual(['€2,00']);
  });
  it('reads prices drawn one character per span, from the DOM and from the HTML text', () => {
    const chars = [...'€1,106.18']
      .map((c) => `<span class="es--char--x${c === '.' ? 'd' : ''}">${c}</span>`)
      .join('');
    const html = `<div class="price--currentPriceText--abc"><div class="es--wrap--q">${chars}</div></div><sup>x</sup>`;
    for (const input of [
      { html, url, document: doc(html) },
      { html, url },
    ]) {
      const r = extract(input);
      expect(r.price).toEqual({ min: 110618, max: 110618 });
      expect(r.currency).toBe('EUR');
    }
  });

  it('structured data beats the DOM', () => {
    const html = page('h');
    const pdp = JSON.stringify({
      data: {
        result: {
          PRICE: {
            productId: 1005006180026951,
            skuIdStrPriceInfoMap: {
              '1': {
                salePrice: { currency: 'EUR', value: 9.99 },
                originalPrice: { currency: 'EUR', value: 19.99 },
              },
            },
          },
          SKU: { skuPaths: [{ skuIdStr: '1', skuAttr: '14:1', skuStock: 3, salable: true }] },
          GLOBAL_DATA: { globalData: { currencyCode: 'EUR', productId: '1005006180026951' } },
        },
      },
    });
    const r = extract({ html, url, payloads: [pdp], document: doc(html) });
    expect(r.price).toEqual({ min: 999, max: 999 });
    expect(r.sources.price).toBe('pdp.PRICE.skuIdStrPriceInfoMap');
    expect(r.title).toBe('Cargador GaN 65W');
  });
  it('a DOM price without a currency is not a price', () => {
    const html =
      '<div class="price-default--current--x">12.34</div><script>window._d_c_.isCSR = true;</script>';
    const r = extract({ html, url, document: doc(html) });
    expect(r.status).toBe('partial');
    expect(r.price).toBeNull();
  });
});
