/**
 * Every real page of ../shared/fixtures/aliexpress (see its SOURCES.md) against expected.json, field by field.
 * Money in expected.json is in major units of the display currency; the extractor works in minor units.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { toMajor } from '../money.ts';
import { sharedDir } from '../testing/shared-dir.ts';
import { extract } from './index.ts';
import type { DocumentLike, ExtractResult } from './types.ts';

interface Range {
  min: number;
  max: number;
}
interface Case {
  file: string;
  url?: string;
  kind?: 'freight';
  status: ExtractResult['status'];
  productId?: string;
  currency?: string;
  price?: Range | null;
  originalPrice?: Range;
  skuCount?: number;
  sampleSku?: { skuId: string; price: number; originalPrice: number; stock: number };
  shipping?: { free?: boolean; amount?: number; currency?: string; days?: number; unreachable?: boolean };
  store?: { id: string; name?: string };
  lot?: { piecesPerLot: number };
}

const dir = join(sharedDir(), 'fixtures', 'aliexpress');
const cases = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { cases: Case[] }).cases;
const text = (file: string) => readFileSync(join(dir, file), 'utf8');

function major(range: Range | null, currency: string | null): Range | null {
  if (!range || !currency) return null;
  return { min: toMajor(range.min, currency), max: toMajor(range.max, currency) };
}

function check(r: ExtractResult, c: Case): void {
  expect(r.status, r.reason ?? '').toBe(c.status);
  if (c.productId !== undefined) expect(r.productId).toBe(c.productId);
  if (c.currency !== undefined) expect(r.currency).toBe(c.currency);
  if (c.price !== undefined) expect(major(r.price, r.currency)).toEqual(c.price);
  if (c.originalPrice !== undefined) expect(major(r.originalPrice, r.currency)).toEqual(c.originalPrice);
  if (c.skuCount !== undefined) expect(r.skus).toHaveLength(c.skuCount);
  if (c.sampleSku) {
    const sku = r.skus.find((s) => s.skuId === c.sampleSku?.skuId);
    expect(sku, `SKU ${c.sampleSku.skuId}`).toBeDefined();
    const currency = r.currency as string;
    expect(toMajor(sku?.price ?? -1, currency)).toBe(c.sampleSku.price);
    expect(toMajor(sku?.originalPrice ?? -1, currency)).toBe(c.sampleSku.originalPrice);
    expect(sku?.stock).toBe(c.sampleSku.stock);
  }
  if (c.shipping) {
    const s = r.shipping;
    expect(s, 'shipping').not.toBeNull();
    if (c.shipping.free !== undefined) expect(s?.free).toBe(c.shipping.free);
    if (c.shipping.unreachable !== undefined) expect(s?.unreachable).toBe(c.shipping.unreachable);
    if (c.shipping.currency !== undefined) expect(s?.currency).toBe(c.shipping.currency);
    if (c.shipping.amount !== undefined)
      expect(toMajor(s?.amount ?? -1, s?.currency ?? 'USD')).toBe(c.shipping.amount);
    if (c.shipping.days !== undefined) expect(s?.days).toBe(c.shipping.days);
  }
  if (c.store) {
    expect(r.store?.id).toBe(c.store.id);
    if (c.store.name !== undefined) expect(r.store?.name).toBe(c.store.name);
  }
  if (c.lot) {
    expect(r.lot).toEqual(c.lot);
    expect(r.flags).toContain('lot');
  } else {
    expect(r.flags).not.toContain('lot');
  }
  if (c.shipping?.unreachable) expect(r.flags).toContain('unreachable');
  if (c.kind === 'freight') expect(r.kind).toBe('freight');
  // Invariants on every result.
  if (r.status !== 'ok') expect(r.price).toBeNull();
  if (r.status === 'ok' && r.kind !== 'freight') expect(r.price).not.toBeNull();
  for (const sku of r.skus) expect(sku.skuId).toMatch(/^\d+$/);
  for (const [field, source] of Object.entries(r.sources)) {
    expect(typeof source, field).toBe('string');
    expect((r as unknown as Record<string, unknown>)[field], `source without value: ${field}`).not.toBeNull();
  }
}

describe('expected.json, reading the saved text as the CLI and an `outerHTML` caller do', () => {
  it.each(cases.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    check(extract({ html: text(c.file), url: c.url }), c);
  });
});

describe('expected.json, JSON fixtures handed over as captured payloads', () => {
  const json = cases.filter((c) => c.file.endsWith('.json'));
  it.each(json.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    check(extract({ payloads: [text(c.file)], url: c.url }), c);
  });
});

describe('expected.json, HTML pages with their DOM (linkedom) as a content script passes them', () => {
  const pages = cases.filter((c) => c.file.endsWith('.html'));
  it.each(pages.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const html = text(c.file);
    const { document } = parseHTML(html);
    check(extract({ html, url: c.url, document: document as unknown as DocumentLike }), c);
  });
});

describe('details the expected file does not list', () => {
  it('keeps SKU ids beyond 2^53 exact to the last digit', () => {
    const r = extract({ html: text('2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json') });
    expect(r.skus.map((s) => s.skuId).sort()).toEqual(['12000058476050807', '12000058476050808']);
    expect(r.selectedSkuId).toBe('12000058476050807');
    expect(r.skus.find((s) => s.skuId === '12000058476050808')?.stock).toBe(995);
    expect(r.region).toBe('ID');
    expect(r.shipping).toEqual({ amount: null, currency: null, free: false, unreachable: true, days: null });
    expect(r.rating).toEqual({ average: 4.5, count: 4 });
    expect(r.store?.positiveRate).toBe(90.5);
  });

  it('keeps SKU ids exact even where the page gives only the number (no skuIdStr)', () => {
    const page = text('2022-runParams-v2-us-USD-rendered-dom-147skus-sunglasses.html').replace(
      /"skuIdStr":"\d+",/g,
      '',
    );
    const r = extract({ html: page });
    expect(r.skus).toHaveLength(147);
    expect(r.skus.find((s) => s.skuId === '12000028371678653')?.price).toBe(513);
  });

  it('names SKU attributes as the page shows them', () => {
    const r = extract({ html: text('2020-runParams-v2-he-EUR-iphone-se-ogscraper.html') });
    expect(r.skus.find((s) => s.skuId === '66869138704')?.attributes).toBe('צרור: A1723 64G / צבע: Gold');
    const xlr = extract({ html: text('2019-runParams-v2-data-en-USD-xlr-connector-csharp-comment.json') });
    expect(xlr.skus.find((s) => s.skuId === '65193513629')?.attributes).toBe('Color: 10 Pin');
  });

  it('keeps the trade currency when it differs from the display currency', () => {
    const r = extract({ html: text('2022-runParams-v2-data-json-glo-PKR-moto-glasses.json') });
    expect(r.currency).toBe('PKR');
    expect(r.tradeCurrency).toBe('USD');
    // PKR 1,341 on screen, 1340.62 in the value field: the number wins over the rounded text.
    expect(r.price?.max).toBe(134062);
  });

  it('reads the formatted text only where the number is missing', () => {
    const data = text('2020-runParams-v2-he-EUR-iphone-se-ogscraper.html').replace(
      /"value":\d+(?:\.\d+)?/g,
      '"value":null',
    );
    const r = extract({ html: data });
    expect(r.status).toBe('ok');
    expect(r.price).toEqual({ min: 9739, max: 12872 });
    expect(r.skus.find((s) => s.skuId === '66869138704')?.price).toBe(12872);
  });

  it('a page without a sale has no struck-through price', () => {
    const r = extract({
      html: text('2024-runParams-is23-components-script-es-MXN-no-discount-adapter.js.txt'),
    });
    expect(r.originalPrice).toBeNull();
    expect(r.skus.every((s) => s.originalPrice === null)).toBe(true);
    expect(r.shipping).toMatchObject({ free: true, amount: 0, currency: 'MXN' });
  });

  it('finds the selected SKU of a "components" page from its selectedSkuAttr', () => {
    const r = extract({ html: text('2024-runParams-is23-components-script-es-MXN-baofeng-radio.js.txt') });
    expect(r.selectedSkuId).not.toBeNull();
    expect(r.skus.some((s) => s.skuId === r.selectedSkuId)).toBe(true);
  });

  it('reads free shipping on the 2020 page from its DOM, in the page language', () => {
    const r = extract({ html: text('2020-runParams-v2-he-EUR-iphone-se-ogscraper.html') });
    expect(r.shipping?.free).toBe(true);
    expect(r.sources.shipping).toBe('html:product-shipping-price');
  });

  it('the CSR server HTML plus the captured pdp response gives the price (today’s pages)', () => {
    const csr = text('2024-csr-newDetail-es-raw-server-html-GaN-charger.html');
    const pdp = text('2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json');
    const url = 'https://id.aliexpress.com/item/1005012410104961.html';
    const r = extract({ html: csr, payloads: [pdp], url });
    expect(r.status).toBe('ok');
    expect(r.price).toEqual({ min: 34329700, max: 34472100 });
    expect(r.sources.price).toBe('pdp.PRICE.skuIdStrPriceInfoMap');
  });

  it('ignores a captured payload that belongs to another item than the URL', () => {
    const pdp = text('2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json');
    const r = extract({ payloads: [pdp], url: 'https://www.aliexpress.com/item/1005006180026951.html' });
    expect(r.status).toBe('partial');
    expect(r.reason).toMatch(/another item/);
    expect(r.price).toBeNull();
    expect(r.productId).toBe('1005006180026951');
  });

  it('reads JSONP-wrapped pdp responses', () => {
    const pdp = text('2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json');
    const r = extract({ payloads: [`mtopjsonp2(${pdp})`] });
    expect(r.status).toBe('ok');
    expect(r.productId).toBe('1005012410104961');
  });

  it('reads the page-memory copy (`_d_c_.lifeCycleEventList[0].data`) as well', () => {
    const pdp = JSON.parse(text('2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json'));
    const memory = JSON.stringify({ lifeCycleEventList: [{ data: pdp.data.result }] }).replace(
      /"selectedSkuId":12000058476050808/g,
      '"selectedSkuId":12000058476050807',
    );
    const r = extract({ payloads: [memory] });
    expect(r.status).toBe('ok');
    expect(r.skus).toHaveLength(2);
  });

  it('the captcha page stores nothing', () => {
    const r = extract({
      html: text('2025-antibot-punish-captcha-page-search.html'),
      url: 'https://www.aliexpress.com/item/1005006180026951.html',
    });
    expect(r.status).toBe('blocked');
    expect(r.price).toBeNull();
    expect(r.skus).toEqual([]);
    expect(r.shipping).toBeNull();
  });

  it('the CSR server HTML is partial with a fingerprint, never a price', () => {
    const r = extract({
      html: text('2024-csr-newDetail-es-raw-server-html-GaN-charger.html'),
      url: 'https://es.aliexpress.com/item/1005006180026951.html',
    });
    expect(r.status).toBe('partial');
    expect(r.price).toBeNull();
    expect(r.title).toMatch(/^GaN-cargador/);
    expect(r.fingerprint).toMatch(/rp:empty/);
  });

  it('reads dida init data and runParams data wherever a page script assigns them', () => {
    const dida = text('2022-dida-init-data-hierarchy-json-us-USD-watch-set.json');
    const page = `<html><head><script>window._dida_config_ = window._dida_config_ || {};
      window._dida_config_._init_data_ = ${dida};</script></head><body></body></html>`;
    const r = extract({ html: page, url: 'https://www.aliexpress.us/item/3256803246120444.html' });
    expect(r.status).toBe('ok');
    expect(r.skus).toHaveLength(42);
    expect(r.sources).toMatchObject({ price: 'dida.price:activity', originalPrice: 'dida.price:list' });
    const data = text('2019-runParams-v2-data-en-USD-xlr-connector-csharp-comment.json');
    const script = extract({ html: `window.runParams = {data: ${data}, csrfToken: 'x'};` });
    expect(script.price).toEqual({ min: 870, max: 1889 });
  });

  it('names a source for every field it fills', () => {
    const r = extract({ html: text('2022-runParams-v2-us-USD-rendered-dom-147skus-sunglasses.html') });
    expect(r.sources).toMatchObject({
      productId: 'runParams.modules',
      price: 'runParams.priceModule:activity',
      skus: 'runParams.modules',
      shipping: 'runParams.modules',
    });
  });
});
