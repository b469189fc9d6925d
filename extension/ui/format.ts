export { formatMoney } from '../../shared/money.ts';

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
