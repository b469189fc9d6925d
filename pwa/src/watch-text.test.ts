import { describe, expect, it } from 'vitest';
import type { PairedWatch } from '../../shared/pairing.ts';
import { extraConditionsText, pairedWatchText } from './watch-text.ts';

const base: PairedWatch = {
  productId: '1005001',
  skuId: null,
  currency: 'USD',
  region: null,
  target: null,
  pctBelowTypical: null,
  allTimeLow: false,
  backInStock: false,
  landed: false,
  title: null,
  updatedAt: 1,
};

describe('watch condition text', () => {
  it('names every condition beyond the target', () => {
    expect(
      extraConditionsText({ pctBelowTypical: 15, allTimeLow: true, backInStock: true, landed: true }),
    ).toEqual(['15% below typical', 'all-time low', 'back in stock', 'with shipping']);
    expect(
      extraConditionsText({
        pctBelowTypical: 'default',
        allTimeLow: false,
        backInStock: false,
        landed: false,
      }),
    ).toEqual(['well below typical']);
    expect(extraConditionsText(undefined)).toEqual([]);
  });

  it('describes a variant watch with a target and a ship-to country', () => {
    const text = pairedWatchText({
      ...base,
      skuId: '12000034',
      target: '9.50',
      region: 'DE',
      backInStock: true,
    });
    expect(text).toMatch(/^Variant 12000034 · Target .*9\.50 · back in stock · ships to DE$/);
  });
});
