import type { SummaryResponse } from '../../shared/api.ts';
import { currentLocale, type MessageKey, t, tn } from './i18n.ts';

const formatters = new Map<string, Intl.NumberFormat>();

/** "12.34" + USD → "$12.34" in the screen's locale (i18n.ts: the browser's tag for the chosen language). */
export function formatMoney(decimal: string | null | undefined, currency: string): string {
  if (decimal == null) return '—';
  const locale = currentLocale();
  const key = `${locale} ${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, f);
  }
  return f.format(Number(decimal));
}

/** A plain decimal ("12.34") with the screen's decimal mark ("12,34"), for a field the shopper edits. */
export function localDecimal(decimal: string): string {
  const parts = new Intl.NumberFormat(currentLocale()).formatToParts(1.5);
  return decimal.replace('.', parts.find((p) => p.type === 'decimal')?.value ?? '.');
}

/** A UTC calendar day ("2026-11-30") as the screen's locale writes it. */
export function formatDay(isoDay: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(`${isoDay}T00:00:00Z`),
  );
}

/** A ship-to country's name in the screen's language ("DE" → "Alemania"). */
export function regionName(code: string): string {
  return new Intl.DisplayNames(currentLocale(), { type: 'region' }).of(code) ?? code;
}

type Verdict = NonNullable<SummaryResponse['summary']>['verdict'];

const VERDICT_TEXT = {
  inflated: 'verdictLabel.inflated',
  'not-a-discount': 'verdictLabel.notDiscount',
  'insufficient-data': 'verdictLabel.insufficient',
} as const satisfies Record<string, MessageKey>;

export function verdictLabel(verdict: Verdict): { text: string; tone: 'good' | 'bad' | 'neutral' } {
  switch (verdict.kind) {
    case 'real':
      return {
        text:
          verdict.realPct != null
            ? t('verdictLabel.realPct', { pct: Math.round(verdict.realPct) })
            : t('verdictLabel.real'),
        tone: 'good',
      };
    case 'inflated':
    case 'not-a-discount':
      return { text: t(VERDICT_TEXT[verdict.kind]), tone: 'bad' };
    case 'insufficient-data':
      return { text: t(VERDICT_TEXT[verdict.kind]), tone: 'neutral' };
    default:
      return { text: t('verdictLabel.none'), tone: 'neutral' };
  }
}

export function ago(ms: number, now = Date.now()): string {
  const minutes = Math.round((now - ms) / 60_000);
  if (minutes < 1) return t('ago.justNow');
  if (minutes < 60) return t('ago.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t('ago.hours', { count: hours });
  return tn('ago.days', Math.round(hours / 24));
}
