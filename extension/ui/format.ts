import { formatMoney as formatMoneyIn } from '../../shared/money.ts';
import { currentLocale } from './i18n.ts';

/** Amounts in the screen's locale (the browser's full tag, es-MX or pt-BR, not just the language). */
export function formatMoney(minor: number, currency: string, locale: string = currentLocale()): string {
  return formatMoneyIn(minor, currency, locale);
}

export function formatDate(epochMs: number, locale: string = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** Short axis labels ("€97", "IDR 350K"): full amounts do not fit beside a popup-sized chart. */
export function formatMoneyCompact(
  major: number,
  currency: string,
  locale: string = currentLocale(),
): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact' }).format(major);
  } catch {
    return `${major} ${currency}`;
  }
}
