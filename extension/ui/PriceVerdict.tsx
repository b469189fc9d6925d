import { useEffect, useState } from 'preact/hooks';
import type { PriceSummary } from '../../shared/history.ts';
import { formatMoney } from './format.ts';
import type { Ask } from './popup-model.ts';
import './watch.css';
import { t } from './i18n.ts';

/** What a read means: "Lowest in 90 days", the typical price and the change, the discount verdict. */
export function PriceVerdict({
  productId,
  currency,
  ask,
  summary: given,
}: {
  productId: string;
  currency: string;
  ask: Ask;
  /** A summary already at hand (the popup's merged own + community history); undefined = ask for the local one. */
  summary?: PriceSummary | null | undefined;
}) {
  const [asked, setSummary] = useState<PriceSummary | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    void ask('price:summary', { productId })
      .then(setSummary)
      .catch(() => setSummary(null));
  }, [productId, given === undefined]);
  const summary = given !== undefined ? given : asked;
  if (!summary?.current) return null;
  const lines = verdictLines(summary, currency);
  if (!lines.length) return null;
  return (
    <ul class="verdict" data-testid="price-verdict">
      {lines.map((line) => (
        <li key={line.text} class={`verdict-${line.tone}`}>
          {line.text}
        </li>
      ))}
    </ul>
  );
}

export interface VerdictLine {
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

export function verdictLines(s: PriceSummary, currency: string): VerdictLine[] {
  const money = (n: number) => formatMoney(n, currency);
  const out: VerdictLine[] = [];
  if (s.isAllTimeLow && s.observedDays > 1) out.push({ text: t('widget.allTimeLow'), tone: 'good' });
  else if (s.lowestInDays) out.push({ text: t('widget.lowestIn', { days: s.lowestInDays }), tone: 'good' });
  if (s.typical != null && s.changeVsTypicalPct != null) {
    const pct = Math.round(s.changeVsTypicalPct);
    const change =
      pct === 0
        ? t('verdict.usual')
        : pct < 0
          ? t('verdict.below', { pct: -pct })
          : t('verdict.above', { pct });
    out.push({
      text: t('verdict.typical', { price: money(s.typical), change }),
      tone: pct <= -5 ? 'good' : pct >= 5 ? 'bad' : 'neutral',
    });
  }
  const v = s.verdict;
  if (v.kind === 'inflated') out.push({ text: t('widget.inflated'), tone: 'bad' });
  else if (v.kind === 'not-a-discount') {
    out.push({ text: t('verdict.notDiscount', { price: money(v.reference!) }), tone: 'bad' });
  } else if (v.kind === 'real') {
    out.push({ text: t('widget.real', { pct: Math.round(v.realPct!) }), tone: 'good' });
  } else if (v.kind === 'insufficient-data') {
    out.push({ text: t('widget.insufficient', { days: v.coverageDays }), tone: 'neutral' });
  }
  return out;
}
