import { describe, expect, it } from 'vitest';
import { parseObservationItem } from './api.ts';
import { strictDecimalToMinor } from './api-money.ts';
import { formatDecimal } from './money.ts';

describe('API money', () => {
  it('converts decimal strings by the currency minor unit', () => {
    expect(strictDecimalToMinor('12.34', 'USD')).toBe(1234);
    expect(strictDecimalToMinor('12.3', 'EUR')).toBe(1230);
    expect(strictDecimalToMinor('1500', 'JPY')).toBe(1500);
    expect(strictDecimalToMinor('1.5', 'JPY')).toBeNull();
    expect(strictDecimalToMinor('1.234', 'KWD')).toBe(1234);
    expect(strictDecimalToMinor('1e3', 'USD')).toBeNull();
    expect(formatDecimal(1234, 'USD')).toBe('12.34');
    expect(formatDecimal(5, 'USD')).toBe('0.05');
    expect(formatDecimal(1500, 'JPY')).toBe('1500');
  });
});

describe('parseObservationItem', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const base = {
    productId: '1005001',
    skuId: null,
    currency: 'USD',
    region: 'US',
    price: '9.99',
    observedAt: '2026-11-25T11:00:00Z',
  };
  it('returns minor units and epoch ms', () => {
    expect(parseObservationItem({ ...base, flags: ['lot', 'lot'] }, now)).toEqual({
      ok: true,
      value: {
        ...base,
        price: 999,
        originalPrice: null,
        shipping: null,
        observedAt: now - 3_600_000,
        flags: ['lot'],
      },
    });
  });
  it('names the field at fault', () => {
    expect(parseObservationItem({ ...base, region: 'usa' }, now)).toEqual({
      ok: false,
      code: 'invalid_region',
    });
    expect(parseObservationItem({ ...base, observedAt: '2026-10-01T00:00:00Z' }, now)).toEqual({
      ok: false,
      code: 'too_old',
    });
  });
});
