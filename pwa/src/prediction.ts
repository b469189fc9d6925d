/**
 * "Buy now or wait?" in the PWA: the extension's predictor (shared/predict/infer.ts) and model (the sale-driven
 * one, shared/predict/regimes.ts) on the product's community daily medians. The series is built through the
 * same `eventsToDaily` path as training and the extension. ONNX Runtime (and its 14 MB WebAssembly binary) is
 * imported only when a product view has enough history to predict — never on the first route.
 */
import type { HistoryDay } from '../../shared/api.ts';
import { decimalToMinor } from '../../shared/money.ts';
import { type DailySeries, dayNumber, eventsToDaily } from '../../shared/predict/daily.ts';
import { hasEnoughHistory, MIN_HISTORY_DAYS } from '../../shared/predict/features.ts';
import type { Prediction, PricePredictor } from '../../shared/predict/infer.ts';
import { type HeldOutFigures, heldOutFigures } from '../../shared/prediction-text.ts';

export interface PwaPrediction {
  prediction: Prediction;
  /** The model's record on held-out data, as numbers the screen words (prediction-text.ts); null: none to show. */
  heldOutSources: HeldOutFigures[] | null;
}

/** Community daily medians (decimal strings) → one price per UTC day in minor units, up to `today`. */
export function communitySeries(days: readonly HistoryDay[], currency: string, today: string): DailySeries {
  const events = days.flatMap((d) => {
    const minor = decimalToMinor(d.median, currency);
    return minor != null && minor > 0 ? [{ day: dayNumber(d.day), price: minor }] : [];
  });
  return eventsToDaily(events, dayNumber(today));
}

let loading: Promise<PricePredictor> | null = null;

/** The packaged model in ONNX Runtime, loaded once per page; a failed load is retried on the next ask. */
function defaultPredictor(): Promise<PricePredictor> {
  loading ??= import('./prediction-model.ts').then((m) => m.loadPwaPredictor());
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** The answer for today; with under 30 days it says so without loading the model. */
export async function predictCommunity(
  days: readonly HistoryDay[],
  currency: string,
  today: string,
  predictor: () => Promise<PricePredictor> = defaultPredictor,
): Promise<PwaPrediction> {
  const series = communitySeries(days, currency, today);
  const seen = series.prices.length;
  if (!hasEnoughHistory(seen - 1)) {
    return {
      prediction: {
        kind: 'too-little-history',
        historyDays: seen,
        neededDays: MIN_HISTORY_DAYS,
        message: `Too little price history to predict: ${seen} of ${MIN_HISTORY_DAYS} days seen.`,
      },
      heldOutSources: null,
    };
  }
  const model = await predictor();
  return { prediction: await model.predict(series), heldOutSources: heldOutFigures(model.meta) };
}
