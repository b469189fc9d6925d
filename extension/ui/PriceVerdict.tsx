import { useEffect, useState } from 'preact/hooks';
import type { PriceSummary } from '../../shared/history.ts';
import { formatMoney } from './format.ts';
import type { Ask } from './popup-model.ts';
import './watch.css';

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
  if (s.isAllTimeLow && s.observedDays > 1) out.push({ text: 'Lowest price seen', tone: 'good' });
  else if (s.lowestInDays) out.push({ text: `Lowest in ${s.lowestInDays} days`, tone: 'good' });
  if (s.typical != null && s.changeVsTypicalPct != null) {
    const pct = Math.round(s.changeVsTypicalPct);
    const change = pct === 0 ? 'about the usual' : pct < 0 ? `${-pct}% below` : `${pct}% above`;
    out.push({
      text: `Typical price ${money(s.typical)} (${change})`,
      tone: pct <= -5 ? 'good' : pct >= 5 ? 'bad' : 'neutral',
    });
  }
  const v = s.verdict;
  if (v.kind === 'inflated') out.push({ text: 'Discount inflated: original price never seen', tone: 'bad' });
  else if (v.kind === 'not-a-discount') {
    out.push({ text: `No real discount: ${money(v.reference!)} was the price within 30 days`, tone: 'bad' });
  } else if (v.kind === 'real') {
    out.push({
      text: `Real discount: ${Math.round(v.realPct!)}% below the last 30 days' lowest`,
      tone: 'good',
    });
  } else if (v.kind === 'insufficient-data') {
    out.push({ text: `Discount not verifiable yet (${v.coverageDays} of 30 days seen)`, tone: 'neutral' });
  }
  return out;
}
