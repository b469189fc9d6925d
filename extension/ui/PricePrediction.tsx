import { useEffect, useState } from 'preact/hooks';
import type { PredictionView } from '../messaging.ts';
import type { Ask } from './popup-model.ts';
import './prediction.css';
import { t } from './i18n.ts';
import { heldOutLines, predictionHeadline, predictionMessage, predictionReasons } from './prediction-text.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; view: PredictionView | null }
  | { kind: 'failed'; message: string };

/**
 * "Buy now — only 5% chance of a ≥ 5% drop within 14 days" or "Wait — 64% chance of …", what drove it, and how the model did on
 * price histories it never saw — or, with under 30 days of history, that it cannot tell yet.
 */
export function PricePrediction({ productId, ask }: { productId: string; ask: Ask }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    setState({ kind: 'loading' });
    void ask('price:prediction', { productId }).then(
      (view) => setState({ kind: 'ready', view }),
      (error: unknown) =>
        setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [productId]);

  if (state.kind === 'loading') {
    return (
      <p class="muted" data-testid="prediction-loading">
        {t('prediction.loading')}
      </p>
    );
  }
  if (state.kind === 'failed') {
    return (
      <p class="muted" data-testid="prediction" data-kind="failed">
        {t('prediction.failed', { error: state.message })}
      </p>
    );
  }
  const answer = state.view?.prediction;
  if (!state.view || !answer) return null;
  if (answer.kind !== 'prediction') {
    return (
      <p class="muted" data-testid="prediction" data-kind={answer.kind}>
        {predictionMessage(answer)}
      </p>
    );
  }
  return (
    <section class="prediction" data-testid="prediction" data-kind="prediction" data-advice={answer.advice}>
      <p class={`prediction-headline prediction-${answer.advice}`} data-testid="prediction-headline">
        {predictionHeadline(answer)}
      </p>
      {answer.reasons.length > 0 && (
        <ul class="prediction-reasons" data-testid="prediction-reasons">
          {predictionReasons(answer).map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      <div class="prediction-record" data-testid="prediction-record">
        {t('prediction.record')}
        <ul>
          {heldOutLines(state.view).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
