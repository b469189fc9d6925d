import { currencyExponent, toMajor } from '../../shared/money.ts';

/** Minor units → the shopper's own number format, in the currency the page showed. */
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
    return `${toMajor(minor, currency)} ${currency}`;
  }
}

export function formatDate(epochMs: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** Short axis labels ("€97", "IDR 350K"): full amounts do not fit beside a popup-sized chart. */
export function formatMoneyCompact(major: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact' }).format(major);
  } catch {
    return `${major} ${currency}`;
  }
}
