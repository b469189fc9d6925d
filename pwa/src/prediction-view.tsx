import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { HistoryDay } from '../../shared/api.ts';
import { t } from './i18n.ts';
import { type PwaPrediction, predictCommunity } from './prediction.ts';
import { predictionWords } from './prediction-text.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; answer: PwaPrediction }
  | { kind: 'failed'; message: string };

/**
 * Buy now or wait, from the community history on screen: the advice with its chance, the two or three features
 * that drove it, and the model's record on histories it never saw — or, under 30 days, that it cannot tell yet.
 */
export function BuyOrWait({ days, currency }: { days: readonly HistoryDay[]; currency: string }) {
  const state = useSignal<State>({ kind: 'loading' });
  const last = days.at(-1)?.day ?? '';
  useEffect(() => {
    let current = true;
    state.value = { kind: 'loading' };
    const today = new Date().toISOString().slice(0, 10);
    predictCommunity(days, currency, today).then(
      (answer) => {
        if (current) state.value = { kind: 'ready', answer };
      },
      (error: unknown) => {
        if (current)
          state.value = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      },
    );
    return () => {
      current = false;
    };
  }, [days.length, last, currency]);

  const s = state.value;
  if (s.kind === 'loading') return <p class="muted">{t('prediction.loading')}</p>;
  if (s.kind === 'failed') {
    return (
      <p class="muted" data-testid="prediction" data-kind="failed">
        {t('prediction.failed', { error: s.message })}
      </p>
    );
  }
  const p = s.answer.prediction;
  if (p.kind !== 'prediction') {
    return (
      <p class="muted" data-testid="prediction" data-kind={p.kind}>
        {predictionWords.message(p)}
      </p>
    );
  }
  const reasons = predictionWords.reasons(p);
  return (
    <section
      class="card"
      aria-label={t('prediction.label')}
      data-testid="prediction"
      data-kind="prediction"
      data-advice={p.advice}
    >
      <p class={`verdict ${p.advice === 'wait' ? 'bad' : 'good'}`} data-testid="prediction-headline">
        {predictionWords.headline(p)}
      </p>
      {reasons.length > 0 && (
        <ul data-testid="prediction-reasons">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <p class="muted">{t('prediction.record')}</p>
      <ul class="muted" data-testid="prediction-record">
        {predictionWords.heldOutLines(s.answer.heldOutSources).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
