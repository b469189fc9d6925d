/**
 * Property-based fuzzing of the extractor across every page generation: truncated and mutated real pages,
 * mutated page data, and random JSON must never throw, never give NaN/negative/absurd money, and never say
 * `ok` without a price. Run counts add up to more than 10,000 cases per run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCurrencyCode, MAX_MINOR } from '../money.ts';
import { sharedDir } from '../testing/shared-dir.ts';
import { extract } from './index.ts';
import type { ExtractResult, PageInput } from './types.ts';

const dir = join(sharedDir(), 'fixtures', 'aliexpress');
const fixtures = readdirSync(dir)
  .filter((f) => /\.(html|json|txt)$/.test(f) && f !== 'expected.json')
  .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
const STATUSES = new Set(['ok', 'partial', 'blocked', 'not-found', 'unrecognized']);
let cases = 0;

function money(value: number | null, label: string): void {
  if (value === null) return;
  expect(Number.isSafeInteger(value), label).toBe(true);
  expect(value, label).toBeGreaterThanOrEqual(0);
  expect(value, label).toBeLessThanOrEqual(MAX_MINOR);
}

function invariants(r: ExtractResult): void {
  cases++;
  expect(STATUSES.has(r.status)).toBe(true);
  expect(r.reason ?? '').not.toMatch(/^extractor error/);
  if (r.status === 'ok' && r.kind !== 'freight') {
    expect(r.price).not.toBeNull();
    expect(isCurrencyCode(r.currency)).toBe(true);
    expect(r.productId).toMatch(/^\d+$/);
  }
  if (r.status !== 'ok') expect(r.price).toBeNull();
  for (const range of [r.price, r.originalPrice]) {
    if (!range) continue;
    money(range.min, 'min');
    money(range.max, 'max');
    expect(range.min).toBeGreaterThan(0);
    expect(range.min).toBeLessThanOrEqual(range.max);
  }
  if (r.originalPrice && r.price) expect(r.originalPrice.max).toBeGreaterThanOrEqual(r.price.max);
  for (const sku of r.skus) {
    expect(sku.skuId).toMatch(/^\d+$/);
    money(sku.price, 'sku price');
    money(sku.originalPrice, 'sku originalPrice');
    if (sku.stock !== null) expect(Number.isSafeInteger(sku.stock) && sku.stock >= 0).toBe(true);
  }
  if (r.shipping) money(r.shipping.amount, 'shipping');
  if (r.rating?.average != null) expect(r.rating.average).toBeLessThanOrEqual(5);
  expect(() => JSON.stringify(r)).not.toThrow();
}

function run(input: PageInput): void {
  invariants(extract(input));
}

const url = 'https://www.aliexpress.com/item/1005003568989271.html';
const big = (text: string) => text.length > 120_000;

describe('fuzzing', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('truncated and mutated: %s', (_name, { text }) => {
    const runs = big(text) ? 100 : 400;
    const json = /^\s*[[{]/.test(text);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: text.length }),
        fc.integer({ min: 0, max: text.length }),
        fc.oneof(
          fc.constant(''),
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            '"',
            '{',
            '}',
            ']',
            ',',
            '-1',
            '1e308',
            'NaN',
            '"value":-5',
            ':12000058476050807',
            '\\',
          ),
        ),
        (cut, at, insert) => {
          run({ html: text.slice(0, cut), url });
          const mutated =
            text.slice(0, at) + insert + text.slice(Math.min(text.length, at + insert.length + 3));
          run(json ? { payloads: [mutated], url } : { html: mutated, url });
        },
      ),
      { numRuns: runs },
    );
  });

  it('numbers in real page data replaced by hostile values', () => {
    const sources = fixtures.filter((f) => !big(f.text));
    const hostile = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer(),
      fc.constantFrom(
        '-0.01',
        '1e400',
        '99999999999999999999',
        '"12,3"',
        'null',
        '[]',
        '{}',
        '"NaN"',
        'true',
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.nat(),
        fc.array(hostile, { minLength: 1, maxLength: 6 }),
        (f, seed, values) => {
          let i = seed;
          const mutated = f.text.replace(/(:\s*)(-?\d+(?:\.\d+)?)/g, (m, colon: string) => {
            i = (i * 1103515245 + 12345) % 2147483648;
            if (i % 7 !== 0) return m;
            const v = values[i % values.length];
            return `${colon}${typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : v}`;
          });
          run(/^\s*[[{]/.test(f.text) ? { payloads: [mutated], url } : { html: mutated, url });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('random JSON as payloads, as page text and as runParams', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.boolean(), (value, asHtml) => {
        const text = JSON.stringify(value) ?? 'null';
        run(asHtml ? { html: text, url } : { payloads: [text], url });
        run({ html: `<script>window.runParams = { data: ${text} };</script>` });
      }),
      { numRuns: 2000 },
    );
  });

  it('random objects shaped like page data', () => {
    const amount = fc.record({
      currency: fc.constantFrom('USD', 'EUR', 'XXX', '', 'usd'),
      value: fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 8 })),
      formatedAmount: fc.string({ maxLength: 12 }),
    });
    const modules = fc.record({
      priceModule: fc.record({
        minAmount: amount,
        maxAmount: amount,
        minActivityAmount: amount,
        maxActivityAmount: amount,
        activity: fc.boolean(),
      }),
      skuModule: fc.record({
        skuPriceList: fc.array(
          fc.record({
            skuIdStr: fc.oneof(
              fc.string({ maxLength: 20 }),
              fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
            ),
            skuAttr: fc.string({ maxLength: 20 }),
            skuVal: fc.record({ skuAmount: amount, skuActivityAmount: amount, availQuantity: fc.integer() }),
          }),
          { maxLength: 5 },
        ),
      }),
      commonModule: fc.record({
        currencyCode: fc.constantFrom('USD', 'EUR', 'JPY', 'x'),
        productId: fc.oneof(fc.integer(), fc.string()),
      }),
    });
    const pdp = fc.record({
      PRICE: fc.record({
        skuIdStrPriceInfoMap: fc.dictionary(
          fc.oneof(fc.string({ maxLength: 6 }), fc.nat().map(String)),
          fc.record({
            originalPrice: amount,
            salePriceLocal: fc.string({ maxLength: 16 }),
            salePriceString: fc.string({ maxLength: 12 }),
          }),
        ),
        productId: fc.oneof(fc.nat(), fc.string()),
      }),
      SKU: fc.record({
        skuPaths: fc.array(
          fc.record({ skuIdStr: fc.nat().map(String), skuStock: fc.integer(), salable: fc.boolean() }),
          { maxLength: 4 },
        ),
      }),
      GLOBAL_DATA: fc.record({
        globalData: fc.record({
          currencyCode: fc.constantFrom('IDR', 'USD', 'ABC'),
          productId: fc.nat().map(String),
        }),
      }),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          modules,
          pdp.map((result) => ({ data: { result } })),
        ),
        (data) => {
          run({ payloads: [JSON.stringify(data)] });
          run({ payloads: [JSON.stringify(data)], url });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('ran at least 10,000 cases', () => {
    expect(cases).toBeGreaterThanOrEqual(10_000);
    console.log(`extractor fuzz: ${cases} cases`);
  });
});
