import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../shared/testing/shared-dir.ts';
import { selectedSegments, skuIdForSegments } from './sku-selection.ts';

const pdp = () =>
  readFileSync(
    join(sharedDir(), 'fixtures/aliexpress/2025-mtop-pdp-pc-query-excerpt-id-IDR-hair-straightener.json'),
    'utf8',
  );

/** Just enough of a DOM for `querySelectorAll('[data-sku-col]')`. */
function root(options: { col: string; className: string }[]): ParentNode {
  const elements = options.map((o) => ({
    getAttribute: (name: string) => (name === 'data-sku-col' ? o.col : name === 'class' ? o.className : null),
  }));
  return { querySelectorAll: () => elements } as unknown as ParentNode;
}

describe('SKU selection on today’s pages', () => {
  it('reads the selected options by class prefix, never the hashed full name', () => {
    const doc = root([
      { col: '14-29', className: 'sku-item--image--jMUnnGA' },
      { col: '14-691', className: 'sku-item--image--jMUnnGA sku-item--selected--ITGY_EO' },
      { col: '200007763-201441035', className: 'sku-item--selected--A1b2C3d sku-item--text--x' },
      { col: 'junk', className: 'sku-item--selected--ITGY_EO' },
    ]);
    expect(selectedSegments(doc)).toEqual(['14:691', '200007763:201441035']);
  });

  it('maps the selection to the exact skuIdStr (beyond 2^53) from the real pdp response', () => {
    expect(skuIdForSegments([pdp()], ['14:691'])).toBe('12000058476050808');
    expect(skuIdForSegments([pdp()], ['14:29'])).toBe('12000058476050807');
  });

  it('reads JSONP-wrapped responses and ignores axis order', () => {
    const jsonp = `mtopjsonp1(${pdp()})`;
    expect(skuIdForSegments([jsonp], ['14:691'])).toBe('12000058476050808');
    const twoAxes = JSON.stringify({
      data: {
        result: {
          SKU: { skuPaths: [{ path: '14:691;200007763:201441035', skuIdStr: '12000057945176350' }] },
        },
      },
    });
    expect(skuIdForSegments([twoAxes], ['200007763:201441035', '14:691'])).toBe('12000057945176350');
  });

  it('answers null for no selection, unknown paths and garbage', () => {
    expect(skuIdForSegments([pdp()], [])).toBeNull();
    expect(skuIdForSegments([pdp()], ['14:1'])).toBeNull();
    expect(
      skuIdForSegments(['not json', '{"data":{"result":{"SKU":{"skuPaths":"x"}}}}'], ['14:691']),
    ).toBeNull();
  });
});
