/**
 * Money inside the code is an integer number of minor units of an ISO 4217 currency. Floats appear only at the
 * edges: numeric `value` fields read from pages, and the major-unit numbers printed for people.
 */

/** ISO 4217 minor-unit exponents that differ from 2. */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/**
 * Anything above this many minor units is treated as a misread, not a price (10^12 minor units is 10 billion
 * major units: far beyond any AliExpress listing even in IDR or VND).
 */
export const MAX_MINOR = 1e12;

export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code);
}

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

function accept(minor: number): number | null {
  return Number.isSafeInteger(minor) && minor >= 0 && minor <= MAX_MINOR ? minor : null;
}

/**
 * "12.34" (dot decimal, no grouping) → minor units, rounding half up beyond the currency's exponent — or, with
 * `exact` (API input), refusing such text: a JPY "12.5" is a misread, not half a yen.
 * Returns null for anything that is not a plain non-negative decimal.
 */
export function decimalToMinor(
  text: string,
  currency: string,
  options: { exact?: boolean } = {},
): number | null {
  const m = /^\s*\+?(\d{1,16})(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return null;
  const exp = currencyExponent(currency);
  const frac = m[2] ?? '';
  if (options.exact && frac.length > exp) return null;
  const kept = (frac + '0'.repeat(exp)).slice(0, exp);
  let minor = Number(m[1]) * 10 ** exp + (kept ? Number(kept) : 0);
  if (frac.length > exp && frac.charCodeAt(exp) >= 53 /* '5' */) minor += 1;
  return accept(minor);
}

/** A numeric major-unit amount (a page's `value` field) → minor units, exact for every decimal a page prints. */
export function toMinor(value: unknown, currency: string): number | null {
  if (typeof value === 'string') return decimalToMinor(value, currency);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  const text = String(value);
  // String(8.7) is "8.7": going through the shortest decimal avoids 8.7 * 100 = 869.9999999999999.
  if (!text.includes('e')) return decimalToMinor(text, currency);
  return accept(Math.round(value * 10 ** currencyExponent(currency)));
}

/** Minor units → a major-unit number for people and JSON output (never for arithmetic). */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

/** Minor units → "12.34" (the API's decimal-string form), exact for any safe integer. */
export function formatDecimal(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(minor))).padStart(exp + 1, '0');
  if (exp === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** Minor units → the shopper's own number format in the currency the page showed (locale default: the runtime's). */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  try {
    const digits = currencyExponent(currency);
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(toMajor(minor, currency));
  } catch {
    // An unknown code still reaches the shopper as an exact amount.
    return `${formatDecimal(minor, currency)} ${currency}`;
  }
}

/** Currency markers as AliExpress prints them, longest first so "MXN$" wins over "$". */
const SYMBOLS: [string, string][] = [
  ['US $', 'USD'],
  ['US$', 'USD'],
  ['MXN$', 'MXN'],
  ['CA $', 'CAD'],
  ['CA$', 'CAD'],
  ['C$', 'CAD'],
  ['AU $', 'AUD'],
  ['AU$', 'AUD'],
  ['A$', 'AUD'],
  ['NZ$', 'NZD'],
  ['R$', 'BRL'],
  ['CLP$', 'CLP'],
  ['COL$', 'COP'],
  ['CN￥', 'CNY'],
  ['CN¥', 'CNY'],
  ['JP￥', 'JPY'],
  ['JP¥', 'JPY'],
  ['руб', 'RUB'],
  ['₽', 'RUB'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₩', 'KRW'],
  ['₹', 'INR'],
  ['₺', 'TRY'],
  ['₴', 'UAH'],
  ['₪', 'ILS'],
  ['₫', 'VND'],
  ['zł', 'PLN'],
  ['Kč', 'CZK'],
  ['Rp', 'IDR'],
  ['RM', 'MYR'],
  ['฿', 'THB'],
  ['₱', 'PHP'],
  ['S$', 'SGD'],
];

/** Codes accepted when a text spells them out ("PKR 1,341"); anything else could be a word, not a currency. */
const KNOWN_CODES = new Set(
  (
    'USD EUR GBP RUB BRL MXN CAD AUD NZD JPY KRW CNY HKD TWD INR IDR PKR PLN CZK HUF RON BGN UAH BYN KZT TRY ' +
    'ILS SEK NOK DKK CHF CLP COP PEN ARS UYU THB VND PHP MYR SGD SAR AED QAR KWD BHD OMR JOD EGP MAD NGN ZAR ' +
    'LKR BDT'
  ).split(' '),
);

/** The currency a price text names, or null ("$" alone is ambiguous and names nothing). */
export function currencyOfText(text: string): string | null {
  for (const m of text.matchAll(/(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/g)) {
    if (KNOWN_CODES.has(m[1] as string)) return m[1] as string;
  }
  for (const [symbol, currency] of SYMBOLS) if (text.includes(symbol)) return currency;
  return null;
}

export interface MoneyHints {
  /** The currency the page displays, used when the text does not name one and to pick the exponent. */
  currency?: string | null;
  /** The page's own separators (AliExpress `priceLocalConfig`), which beat any guess. */
  decimal?: string | null;
  group?: string | null;
}

export interface ParsedMoney {
  amount: number;
  currency: string;
}

/** One number written with grouping/decimal separators → a plain "1234.56", or null when it is ambiguous junk. */
function plainDecimal(raw: string, exp: number, hints: MoneyHints): string | null {
  // Spaces (incl. NBSP and narrow NBSP) and apostrophes only ever group thousands.
  const num = raw.replace(/[\s\u00a0\u202f']+(?=\d{3}(?!\d))/g, '');
  if (!/^\d[\d.,]*$/.test(num)) return null;
  if (hints.decimal === '.' || hints.decimal === ',') {
    const group =
      hints.group === '.' || hints.group === ',' ? hints.group : hints.decimal === '.' ? ',' : '.';
    const parts = num.split(group).join('').split(hints.decimal);
    if (parts.length > 2 || !/^\d+$/.test(parts[0] ?? '') || !/^\d*$/.test(parts[1] ?? '')) return null;
    return parts.length === 2 ? `${parts[0]}.${parts[1]}` : (parts[0] as string);
  }
  const lastDot = num.lastIndexOf('.');
  const lastComma = num.lastIndexOf(',');
  if (lastDot < 0 && lastComma < 0) return num;
  if (lastDot >= 0 && lastComma >= 0) {
    // Both separators: the later one is the decimal point ("€1,106.18", "MXN$1.986,69").
    const dec = lastDot > lastComma ? '.' : ',';
    const group = dec === '.' ? ',' : '.';
    const cut = Math.max(lastDot, lastComma);
    const int = num.slice(0, cut);
    const frac = num.slice(cut + 1);
    if (!new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})*$`).test(int) || !/^\d*$/.test(frac)) return null;
    return `${int.split(group).join('')}.${frac}`;
  }
  const sep = lastDot >= 0 ? '.' : ',';
  const parts = num.split(sep);
  if (parts.length > 2) {
    // A separator used twice or more groups thousands ("1.234.567").
    return /^\d{1,3}$/.test(parts[0] as string) && parts.slice(1).every((p) => /^\d{3}$/.test(p))
      ? parts.join('')
      : null;
  }
  const [int, frac] = parts as [string, string];
  // One separator followed by exactly three digits groups thousands ("PKR 1,341", "Rp343,297") unless the
  // currency itself has three decimals; one or two digits after it are decimals ("€ 97,39").
  if (frac.length === 3 && exp !== 3) return int + frac;
  return frac.length === 0 ? int : `${int}.${frac}`;
}

const NUMBER_RE = /\d(?:[\d.,'\s\u00a0\u202f]*\d)?/g;

/**
 * Locale-aware reading of one price text: "€ 97,39", "MXN$1.986,69", "Rp343,297", "US $1.73", "PKR 1,341",
 * "1.73US $", "€1,106.18". Returns null when the text holds no single readable amount or no known currency.
 */
export function parseMoney(text: string, hints: MoneyHints = {}): ParsedMoney | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const currency = currencyOfText(text) ?? hints.currency ?? null;
  if (!isCurrencyCode(currency)) return null;
  const numbers = text.match(NUMBER_RE) ?? [];
  if (numbers.length !== 1) return null;
  const plain = plainDecimal(numbers[0] as string, currencyExponent(currency), hints);
  if (plain === null) return null;
  const amount = decimalToMinor(plain, currency);
  return amount === null ? null : { amount, currency };
}

export interface ParsedRange {
  min: number;
  max: number;
  currency: string;
}

/** "US $8.70 - 18.89" or "MXN$893,04 - $1.082,35" → both ends, in the currency the first end names. */
export function parseMoneyRange(text: string, hints: MoneyHints = {}): ParsedRange | null {
  if (typeof text !== 'string' || text.length > 300) return null;
  const ends = text.split(/\s+[-–~]\s+|\s*[–~]\s*/);
  if (ends.length > 2) return null;
  const first = parseMoney(ends[0] ?? '', hints);
  if (!first) return null;
  if (ends.length === 1) return { min: first.amount, max: first.amount, currency: first.currency };
  const tail = ends[1] ?? '';
  const named = currencyOfText(tail);
  if (named !== null && named !== first.currency) return null;
  const second = parseMoney(tail, { ...hints, currency: first.currency });
  if (!second) return null;
  return {
    min: Math.min(first.amount, second.amount),
    max: Math.max(first.amount, second.amount),
    currency: first.currency,
  };
}
