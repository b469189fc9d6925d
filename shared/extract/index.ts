/**
 * page → ExtractResult. Layers in order of trust: captured pdp/runParams payloads and the page's own data
 * (one reader per page generation), then JSON-LD and meta tags, then the DOM. For each field the first layer
 * that has it wins and is named in `sources`. A page nothing understands is `unrecognized`, never guessed.
 */
import { MAX_MINOR } from '../money.ts';
import { isComponentsData, readComponents } from './components.ts';
import { blockedReason, fingerprint, isClientRendered, notFoundReason } from './detect.ts';
import { isDidaData, readDida } from './dida.ts';
import { queryDocument, queryHtml, readDom } from './dom.ts';
import { productIdFromUrl } from './ids.ts';
import { parseJson, readAssignedObject } from './json.ts';
import { readJsonLd, readMeta } from './jsonld.ts';
import { isModulesData, readModules } from './modules.ts';
import { pdpResult, readPdp } from './pdp.ts';
import { arr, at, obj, type Reading } from './read.ts';
import { readFreight } from './shipping.ts';
import type { ExtractFlag, ExtractResult, PageInput, PriceRange, SkuPrice } from './types.ts';

function empty(url: string | null): ExtractResult {
  return {
    status: 'unrecognized',
    kind: 'product',
    reason: null,
    fingerprint: null,
    productId: null,
    title: null,
    image: null,
    url,
    currency: null,
    tradeCurrency: null,
    region: null,
    price: null,
    originalPrice: null,
    skus: [],
    selectedSkuId: null,
    shipping: null,
    store: null,
    rating: null,
    lot: null,
    flags: [],
    sources: {},
  };
}

/** Page data of any generation, found at any of the depths callers hand it over at. */
export function readPageData(value: unknown): Reading | null {
  if (obj(value) === null) return null;
  const freight = readFreight(value);
  if (freight) return freight;
  const pdp = pdpResult(value) ?? pdpResult(at(arr(at(value, 'lifeCycleEventList'))[0], 'data'));
  if (pdp) return readPdp(pdp);
  if (isDidaData(value)) return readDida(value);
  const candidates = [value, at(value, 'data'), at(value, 'data', 'data'), at(value, 'runParams', 'data')];
  for (const c of candidates) {
    if (isModulesData(c)) return readModules(c);
    if (isComponentsData(c)) return readComponents(c);
  }
  return null;
}

function looksLikeJson(text: string): boolean {
  return /^\s*(?:[\w$.]+\s*\(\s*)?[[{]/.test(text) && !/^\s*</.test(text);
}

function freeShippingText(html: string): string | null {
  const m = /"FREE_SHIPPING"\s*:\s*"([^"\\]{1,60})"/.exec(html);
  return m ? (m[1] as string) : null;
}

function validMinor(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 && n <= MAX_MINOR ? n : null;
}

function validRange(range: PriceRange | null | undefined): PriceRange | null {
  const min = validMinor(range?.min);
  const max = validMinor(range?.max);
  return min !== null && max !== null && min <= max ? { min, max } : null;
}

function validSku(sku: SkuPrice): SkuPrice {
  const price = validMinor(sku.price);
  const original = validMinor(sku.originalPrice);
  return {
    ...sku,
    price,
    originalPrice: price !== null && original !== null && original > price ? original : null,
    available: sku.available && price !== null,
  };
}

type Field = 'productId' | 'title' | 'image' | 'url' | 'region' | 'shipping' | 'store' | 'rating' | 'lot';
const SIMPLE_FIELDS: Field[] = [
  'productId',
  'title',
  'image',
  'url',
  'region',
  'shipping',
  'store',
  'rating',
  'lot',
];

function merge(result: ExtractResult, readings: Reading[]): void {
  const flags = new Set<ExtractFlag>();
  const priced = readings.find((r) => r.currency && validRange(r.price));
  if (priced) {
    result.currency = priced.currency ?? null;
    result.tradeCurrency = priced.tradeCurrency ?? null;
    result.price = validRange(priced.price);
    const original = validRange(priced.originalPrice);
    result.originalPrice =
      original && result.price && original.max >= result.price.max && original.min >= result.price.min
        ? original
        : null;
    result.sources.currency = priced.source;
    result.sources.price = priced.sources?.price ?? priced.source;
    if (result.originalPrice) result.sources.originalPrice = priced.sources?.originalPrice ?? priced.source;
    const withSkus = [priced, ...readings].find(
      (r) => r.currency === priced.currency && (r.skus?.length ?? 0) > 0,
    );
    if (withSkus) {
      result.skus = (withSkus.skus ?? []).map(validSku);
      result.selectedSkuId = withSkus.selectedSkuId ?? null;
      result.sources.skus = withSkus.sources?.skus ?? withSkus.source;
    }
  } else {
    const withCurrency = readings.find((r) => r.currency);
    if (withCurrency) {
      result.currency = withCurrency.currency ?? null;
      result.sources.currency = withCurrency.source;
    }
  }
  for (const field of SIMPLE_FIELDS) {
    if (field === 'url' && result.url) continue;
    const from = readings.find((r) => r[field] !== null && r[field] !== undefined);
    if (!from) continue;
    (result as unknown as Record<string, unknown>)[field] = from[field];
    result.sources[field] = from.sources?.[field] ?? from.source;
  }
  for (const r of readings) for (const f of r.flags ?? []) flags.add(f);
  if (result.lot) flags.add('lot');
  if (result.shipping?.unreachable) flags.add('unreachable');
  if (result.skus.length > 0 && result.skus.every((s) => !s.available)) flags.add('out-of-stock');
  result.flags = [...flags].sort();
}

function run(input: PageInput): ExtractResult {
  const url = typeof input.url === 'string' ? input.url : null;
  const html = typeof input.html === 'string' ? input.html : '';
  const payloads = Array.isArray(input.payloads)
    ? input.payloads.filter((p): p is string => typeof p === 'string')
    : [];
  const result = empty(url);
  const urlId = productIdFromUrl(url);

  const blocked = blockedReason(
    looksLikeJson(html) ? '' : html,
    url,
    looksLikeJson(html) ? [html, ...payloads] : payloads,
  );
  if (blocked)
    return {
      ...result,
      status: 'blocked',
      reason: blocked,
      productId: urlId,
      sources: urlId ? { productId: 'url' } : {},
    };

  const structured: Reading[] = [];
  const texts = looksLikeJson(html) ? [...payloads, html] : payloads;
  for (const text of texts) {
    const reading = readPageData(parseJson(text));
    if (reading) structured.push(reading);
  }
  const page = html && !looksLikeJson(html) ? html : '';
  if (page) {
    const runParams = readAssignedObject(page, 'runParams');
    const fromRunParams = runParams ? readPageData(runParams.data ?? runParams) : null;
    if (fromRunParams) structured.push(fromRunParams);
    // A page carries runParams data or dida init data, never both: skip the second scan of ~500 KB.
    const dida = fromRunParams ? null : readAssignedObject(page, '_init_data_');
    const fromDida = dida ? readPageData(dida) : null;
    if (fromDida) structured.push(fromDida);
  }

  // A payload for another item (the shopper navigated without a reload) must not be stored under this URL.
  const readings = structured.filter((r) => !urlId || !r.productId || r.productId === urlId);
  const dropped = structured.length - readings.length;
  if (page) {
    const ld = readJsonLd(page);
    if (ld) readings.push(ld);
    const meta = readMeta(page);
    if (meta) readings.push(meta);
  }
  if (urlId) readings.push({ source: 'url', productId: urlId });

  merge(result, readings);
  const query = input.document ? queryDocument(input.document) : page ? queryHtml(page) : null;
  if (query) {
    const want = {
      price: !result.price,
      title: !result.title,
      shipping: !result.shipping,
      store: !result.store?.name,
    };
    if (want.price || want.title || want.shipping || want.store) {
      const dom = readDom(
        query,
        { currency: result.currency, freeShippingText: freeShippingText(page), want },
        input.document ? 'dom' : 'html',
      );
      merge(result, [
        ...readings.filter((r) => r.source !== 'url'),
        dom,
        ...readings.filter((r) => r.source === 'url'),
      ]);
      if (want.store && dom.store && result.store && result.store.name === null)
        result.store = { ...result.store, name: dom.store.name };
    }
  }

  const freightOnly = structured.length > 0 && structured.every((r) => r.kind === 'freight');
  const recognised = structured.length > 0 || isClientRendered(page);
  const missing = structured.some((r) => r.notFound)
    ? 'page data marks the item unavailable'
    : notFoundReason(page, url, texts);
  if (freightOnly) {
    result.kind = 'freight';
    result.status = result.shipping ? 'ok' : 'unrecognized';
    if (!result.shipping) result.reason = 'freight response without options';
  } else if (missing && !result.price) {
    result.status = 'not-found';
    result.reason = missing;
  } else if (result.price && result.currency && result.productId) {
    result.status = 'ok';
  } else if (recognised && result.productId) {
    result.status = 'partial';
    result.reason =
      dropped > 0 && dropped === structured.length
        ? 'captured data is for another item than the URL'
        : isClientRendered(page) && !result.price
          ? 'client-rendered page: the price comes later (pdp query)'
          : result.price
            ? 'price without currency'
            : 'page data without a price';
  } else {
    result.status = 'unrecognized';
    result.reason = result.productId ? 'no known page data' : 'no product id';
  }
  if (result.status !== 'ok' || result.kind === 'freight') {
    result.price = null;
    result.originalPrice = null;
    if (result.status !== 'ok' && result.status !== 'partial') result.skus = [];
    if (result.status === 'partial')
      result.skus = result.skus.map((s) => ({ ...s, price: null, originalPrice: null, available: false }));
    delete result.sources.price;
    delete result.sources.originalPrice;
  }
  if (result.status === 'unrecognized' || result.status === 'partial')
    result.fingerprint = fingerprint(page, texts);
  return result;
}

/** Never throws: whatever the page, the caller gets a result it can log. */
export function extract(input: PageInput): ExtractResult {
  try {
    return run(input ?? {});
  } catch (error) {
    const result = empty(typeof input?.url === 'string' ? input.url : null);
    result.reason = `extractor error: ${error instanceof Error ? error.message : String(error)}`.slice(
      0,
      200,
    );
    return result;
  }
}
