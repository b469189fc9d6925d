import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  currencyOfText,
  decimalToMinor,
  formatDecimal,
  MAX_MINOR,
  parseMoney,
  parseMoneyRange,
  toMajor,
  toMinor,
} from './money.ts';

describe('currencyExponent', () => {
  it('follows ISO 4217', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('IDR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });
});

describe('toMinor / decimalToMinor', () => {
  it('converts page value fields exactly', () => {
    expect(toMinor(8.7, 'USD')).toBe(870);
    expect(toMinor(1340.62, 'PKR')).toBe(134062);
    expect(toMinor(746269.0, 'IDR')).toBe(74626900);
    expect(toMinor(0.06, 'USD')).toBe(6);
    expect(toMinor(1.005, 'USD')).toBe(101);
    expect(toMinor(12345, 'KRW')).toBe(12345);
    expect(toMinor('128.72', 'EUR')).toBe(12872);
  });
  it('refuses what is not an amount', () => {
    expect(toMinor(-1, 'USD')).toBeNull();
    expect(toMinor(Number.NaN, 'USD')).toBeNull();
    expect(toMinor(Number.POSITIVE_INFINITY, 'USD')).toBeNull();
    expect(toMinor('1,5', 'USD')).toBeNull();
    expect(toMinor(null, 'USD')).toBeNull();
    expect(toMinor(1e13, 'USD')).toBeNull();
    expect(decimalToMinor('-3', 'USD')).toBeNull();
    expect(decimalToMinor('12.', 'USD')).toBe(1200);
    expect(decimalToMinor('0.125', 'KWD')).toBe(125);
    expect(decimalToMinor('12.345', 'USD')).toBe(1235);
    expect(decimalToMinor('12.345', 'USD', { exact: true })).toBeNull();
    expect(decimalToMinor('12.5', 'JPY', { exact: true })).toBeNull();
    expect(decimalToMinor('12.50', 'USD', { exact: true })).toBe(1250);
  });
});

describe('formatDecimal / toMajor', () => {
  it('formats minor units as the API decimal string', () => {
    expect(formatDecimal(110618, 'EUR')).toBe('1106.18');
    expect(formatDecimal(5, 'USD')).toBe('0.05');
    expect(formatDecimal(0, 'USD')).toBe('0.00');
    expect(formatDecimal(343297, 'KRW')).toBe('343297');
    expect(formatDecimal(1, 'KWD')).toBe('0.001');
    expect(formatDecimal(-250, 'USD')).toBe('-2.50');
    expect(toMajor(110618, 'EUR')).toBe(1106.18);
    expect(toMajor(34329700, 'IDR')).toBe(343297);
  });
});

describe('parseMoney', () => {
  const cases: [string, number, string][] = [
    ['€ 97,39', 9739, 'EUR'],
    ['MXN$1.986,69', 198669, 'MXN'],
    ['Rp343,297', 34329700, 'IDR'],
    ['US $1.73', 173, 'USD'],
    ['PKR 1,341', 134100, 'PKR'],
    ['1.73US $', 173, 'USD'],
    ['€1,106.18', 110618, 'EUR'],
    ['1.106,18 €', 110618, 'EUR'],
    ['€ 1 106,18', 110618, 'EUR'],
    ['1\u00a0106,18\u00a0руб.', 110618, 'RUB'],
    ["CHF 1'234.50", 123450, 'CHF'],
    ['₩12,345', 12345, 'KRW'],
    ['R$ 54,90', 5490, 'BRL'],
    ['CN￥ 127.71', 12771, 'CNY'],
    ['US $1,234,567.89', 123456789, 'USD'],
  ];
  it.each(cases)('%s → %i %s', (text, amount, currency) => {
    expect(parseMoney(text)).toEqual({ amount, currency });
  });
  it('€1,106.18 is 110618 cents, never 111', () => {
    expect(parseMoney('€1,106.18')?.amount).toBe(110618);
  });
  it('uses the page separators when given', () => {
    expect(parseMoney('Rp343,297', { decimal: '.', group: ',' })?.amount).toBe(34329700);
    expect(parseMoney('MXN$1.986,69', { decimal: ',', group: '.' })?.amount).toBe(198669);
    expect(parseMoney('$12,50', { currency: 'MXN', decimal: ',', group: '.' })).toEqual({
      amount: 1250,
      currency: 'MXN',
    });
  });
  it('needs a currency: "$" alone names none', () => {
    expect(parseMoney('$3.73')).toBeNull();
    expect(parseMoney('$3.73', { currency: 'USD' })).toEqual({ amount: 373, currency: 'USD' });
  });
  it('refuses ranges, words and malformed numbers', () => {
    expect(parseMoney('US $8.70 - 18.89')).toBeNull();
    expect(parseMoney('Free shipping')).toBeNull();
    expect(parseMoney('€ 1,2,3')).toBeNull();
    expect(parseMoney('€ 1.234,5.6')).toBeNull();
  });
  it('does not take a word for a currency code', () => {
    expect(currencyOfText('40% OFF')).toBeNull();
    expect(currencyOfText('NEW 12')).toBeNull();
    expect(currencyOfText('PKR 144')).toBe('PKR');
  });
});

describe('parseMoneyRange', () => {
  it('reads both ends in one currency', () => {
    expect(parseMoneyRange('US $8.70 - 18.89')).toEqual({ min: 870, max: 1889, currency: 'USD' });
    expect(parseMoneyRange('€ 97,39 - 128,72')).toEqual({ min: 9739, max: 12872, currency: 'EUR' });
    expect(parseMoneyRange('MXN$893,04 - $1.082,35')).toEqual({ min: 89304, max: 108235, currency: 'MXN' });
    expect(parseMoneyRange('PKR 144 - 1,341')).toEqual({ min: 14400, max: 134100, currency: 'PKR' });
    expect(parseMoneyRange('US $5.13')).toEqual({ min: 513, max: 513, currency: 'USD' });
  });
  it('refuses mixed currencies', () => {
    expect(parseMoneyRange('US $1.00 - € 2,00')).toBeNull();
  });
});

describe('properties', () => {
  const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'IDR', 'MXN');
  const minor = fc.integer({ min: 0, max: 10 ** 11 });

  it('formatDecimal and decimalToMinor are inverse', () => {
    fc.assert(
      fc.property(minor, currency, (m, c) => {
        expect(decimalToMinor(formatDecimal(m, c), c)).toBe(m);
      }),
    );
  });

  it('toMinor(toMajor(m)) = m for every amount a page can show', () => {
    fc.assert(
      fc.property(minor, currency, (m, c) => {
        expect(toMinor(toMajor(m, c), c)).toBe(m);
      }),
    );
  });

  it('prices printed in any common locale read back exactly', () => {
    const group = (int: string, sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.constantFrom(['.', ','], [',', '.'], ['.', '\u00a0'], [',', ' ']),
        fc.constantFrom('US $%', '€ %', '%€', 'MXN$%', 'PKR %', 'R$ %'),
        (m, [dec, grp], pattern) => {
          const c = currencyOfText(pattern.replace('%', '')) as string;
          const text = formatDecimal(m, c);
          const [int, frac] = text.split('.');
          const printed = pattern.replace('%', `${group(int as string, grp as string)}${dec}${frac}`);
          expect(parseMoney(printed)).toEqual({ amount: m, currency: c });
        },
      ),
    );
  });

  it('never returns NaN, negative or absurd amounts for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.option(currency, { nil: null }), (text, c) => {
        const parsed = parseMoney(text, { currency: c });
        if (parsed) {
          expect(Number.isSafeInteger(parsed.amount)).toBe(true);
          expect(parsed.amount).toBeGreaterThanOrEqual(0);
          expect(parsed.amount).toBeLessThanOrEqual(MAX_MINOR);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
