/**
 * The API's strict reading of money: decimal strings in the currency's minor unit. The arithmetic is
 * shared/money.ts (`exact`: a page parser may round "12.345", the API refuses it as a misread); what is added
 * here is the wire form and the list of ISO 4217 codes the API accepts.
 */
import { decimalToMinor } from './money.ts';

/** ISO 4217 active codes (2024 list). Funds and precious-metal codes are left out: nobody shops in them. */
const ISO_4217 =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD ' +
  'HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD ' +
  'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN ' +
  'PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY ' +
  'TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG';

export const CURRENCIES: ReadonlySet<string> = new Set(ISO_4217.split(' '));

/** The API's wire form: plain decimal, no sign, whitespace, exponent, grouping or leading zeros. */
export const DECIMAL_MONEY = /^(0|[1-9]\d{0,11})(?:\.\d{1,3})?$/;

/**
 * "12.34" in USD → 1234. Null when the text is not in the wire form or has more fraction digits than the currency
 * (a JPY price "12.5" is a misread, not half a yen).
 */
export function strictDecimalToMinor(text: string, currency: string): number | null {
  return DECIMAL_MONEY.test(text) ? decimalToMinor(text, currency, { exact: true }) : null;
}
