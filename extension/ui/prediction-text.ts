import { headlineForm, type Prediction } from '../../shared/predict/infer.ts';
import { t } from './i18n.ts';

/**
 * The buy-or-wait answer in the shopper's language, rebuilt from the prediction's numbers (shared/predict
 * writes English for the CLI and tests). Used by the popup and the product-page widget.
 */
export function predictionHeadline(p: Extract<Prediction, { kind: 'prediction' }>): string {
  const vars = {
    pct: Math.round(p.pDrop * 100),
    drop: Math.round(p.dropThreshold * 100),
    days: p.horizonDays,
  };
  const form = headlineForm(p.advice, p.pDrop);
  if (form === 'wait') return t('prediction.wait', vars);
  return form === 'buy-now' ? t('prediction.buyNow', vars) : t('prediction.buyNowDespiteChance', vars);
}

/** Why there is no answer. */
export function predictionMessage(p: Exclude<Prediction, { kind: 'prediction' }>): string {
  return p.kind === 'too-little-history'
    ? t('prediction.tooLittle', { days: p.historyDays, needed: p.neededDays })
    : t('prediction.noPriceToday');
}
