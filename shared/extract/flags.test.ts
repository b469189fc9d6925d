/**
 * Flags on pages built here from the real fixtures' shapes (no public page shows a welcome deal or a sold-out
 * item): the markers are set by hand, and the real fixtures must not raise them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../testing/shared-dir.ts';
import { extract } from './index.ts';

const dir = join(sharedDir(), 'fixtures', 'aliexpress');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const PDP = '2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json';
const IS23 = '2024-runParams-is23-components-script-es-MXN-no-discount-adapter.js.txt';

interface PdpResult {
  PRICE: { skuIdStrPriceInfoMap: Record<string, Record<string, unknown>> };
  SKU: { skuPaths: { skuStock: number }[] };
  QUANTITY_PC: { totalAvailableInventory: number };
}

function pdpWith(change: (result: PdpResult) => void): string {
  const root = JSON.parse(read(PDP).replace(/:\s*(\d{16,})/g, ':"$1"'));
  change(root.data.result);
  return JSON.stringify(root);
}

describe('flags', () => {
  it('no real fixture is flagged new-user-price', () => {
    for (const f of readdirSync(dir).filter((n) => /\.(html|json|txt)$/.test(n) && n !== 'expected.json')) {
      expect(extract({ html: read(f) }).flags, f).not.toContain('new-user-price');
    }
  });

  it('new-user-price from a welcome-deal marker in the price block', () => {
    const marked = pdpWith((r) => {
      r.PRICE.skuIdStrPriceInfoMap['12000058476050807']!.priceType = 'newUserPrice';
    });
    expect(extract({ payloads: [marked] }).flags).toContain('new-user-price');
    const components = read(IS23).replace('"priceComponent": {', '"priceComponent": {"welcomeDeal": true,');
    expect(extract({ html: components }).flags).toContain('new-user-price');
  });

  it('flash-deal from SuperDeals promotions', () => {
    expect(extract({ payloads: [read(PDP)] }).flags).toContain('flash-deal');
    const components = read(IS23).replace('"superDeals": false', '"superDeals": true');
    expect(extract({ html: components }).flags).toContain('flash-deal');
    expect(extract({ html: read(IS23) }).flags).not.toContain('flash-deal');
  });

  it('out-of-stock when every SKU is sold out, and the prices are still read', () => {
    const soldOut = pdpWith((r) => {
      for (const path of r.SKU.skuPaths) path.skuStock = 0;
      r.QUANTITY_PC.totalAvailableInventory = 0;
    });
    const result = extract({ payloads: [soldOut] });
    expect(result.status).toBe('ok');
    expect(result.flags).toContain('out-of-stock');
    expect(result.skus.every((s) => !s.available && s.price !== null)).toBe(true);
  });

  it('lot and unreachable come from the page data', () => {
    expect(
      extract({ html: read('2019-runParams-v2-data-en-USD-xlr-connector-csharp-comment.json') }).flags,
    ).toEqual(['lot']);
    expect(extract({ payloads: [read(PDP)] }).flags).toContain('unreachable');
  });
});
