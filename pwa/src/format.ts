import type { SummaryResponse } from '../../shared/api.ts';

const formatters = new Map<string, Intl.NumberFormat>();

/** "12.34" + USD → "$12.34" in the shopper's locale. */
export function formatMoney(decimal: string | null | undefined, currency: string): string {
  if (decimal == null) return '—';
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    formatters.set(currency, f);
  }
  return f.format(Number(decimal));
}

type Verdict = NonNullable<SummaryResponse['summary']>['verdict'];

export function verdictLabel(verdict: Verdict): { text: string; tone: 'good' | 'bad' | 'neutral' } {
  switch (verdict.kind) {
    case 'real':
      return {
        text:
          verdict.realPct != null
            ? `Real discount: ${Math.round(verdict.realPct)}% below usual`
            : 'Real discount',
        tone: 'good',
      };
    case 'inflated':
      return { text: 'Inflated “before” price', tone: 'bad' };
    case 'not-a-discount':
      return { text: 'Not a real discount', tone: 'bad' };
    case 'insufficient-data':
      return { text: 'Not enough history yet', tone: 'neutral' };
    default:
      return { text: 'No discount claimed', tone: 'neutral' };
  }
}

export function ago(ms: number, now = Date.now()): string {
  const minutes = Math.round((now - ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
