/**
 * Decimal strings ⇄ integer minor units for the API contract. Written while `shared/money.ts` did not exist yet:
 * TODO(2026-11, dedupe): once shared/money.ts exports currency digits and these conversions, re-export from there.
 */

/** ISO 4217 active codes (2024 list). Funds and precious-metal codes are left out: nobody shops in them. */
const ISO_4217 =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD ' +
  'HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD ' +
  'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN ' +
  'PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY ' +
  'TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG';

export const CURRENCIES: ReadonlySet<string> = new Set(ISO_4217.split(' '));

const ZERO_DIGITS = new Set('BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF'.split(' '));
const THREE_DIGITS = new Set('BHD IQD JOD KWD LYD OMR TND'.split(' '));

export function currencyDigits(currency: string): number {
  if (ZERO_DIGITS.has(currency)) return 0;
  if (THREE_DIGITS.has(currency)) return 3;
  return 2;
}

/** Plain positive decimal, no sign, no exponent, no grouping: "12", "12.3", "12.34". */
const DECIMAL = /^(0|[1-9]\d{0,11})(?:\.(\d{1,3}))?$/;

/**
 * "12.34" in USD → 1234. Returns null when the text is not a plain decimal or has more fraction digits than the
 * currency has (a JPY price "12.5" is a misread, not half a yen).
 */
export function decimalToMinor(text: string, currency: string): number | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const digits = currencyDigits(currency);
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(m[1]! + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = minor < 0;
  const text = Math.abs(Math.trunc(minor))
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${whole}` : whole;
}
