/**
 * "Buy now or wait?" for one product, on the shopper's device: daily series → features (features.ts, the same
 * function training used) → ONNX Runtime → calibrated probability of a ≥ θ drop within h days, the features
 * that drove it, in plain words, and the model's measured record on held-out data.
 *
 * Pure: the caller hands in the ONNX Runtime module, the model bytes and its metadata, so this file runs in
 * the offscreen document / background (import('onnxruntime-web/wasm'), numThreads = 1), the PWA, Node tests
 * and the CLI alike:
 *
 *   const ort = await import('onnxruntime-web/wasm');
 *   ort.env.wasm.numThreads = 1;
 *   const predictor = await loadPricePredictor(ort, modelBytes, modelMetaSchema.parse(metaJson));
 *   const answer = await predictor.predict(dailyPointsToSeries(points, today));
 */
import type * as Ort from 'onnxruntime-web';
import type { DailySeries } from './daily.ts';
import { describeFeature } from './explain.ts';
import {
  computeFeatures,
  FEATURE_COUNT,
  FEATURE_NAMES,
  type FeatureName,
  hasEnoughHistory,
  MIN_HISTORY_DAYS,
} from './features.ts';
import type { ModelMeta } from './model-meta.ts';

type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor'>;

export type Prediction =
  | { kind: 'too-little-history'; historyDays: number; neededDays: number; message: string }
  | { kind: 'no-price-today'; message: string }
  | {
      kind: 'prediction';
      /** Calibrated P(lowest price within `horizonDays` ≤ (1 − dropThreshold) × today's). */
      pDrop: number;
      advice: 'buy-now' | 'wait';
      /** e.g. "Wait — 64% chance of a ≥ 5% drop within 14 days" (headlineOf). */
      headline: string;
      /** The two or three features that moved the probability most, in plain words. */
      reasons: string[];
      /** The same features as numbers, one per reason, so a screen can say them in its own language. */
      drivers: { feature: FeatureName; value: number }[];
      /** The UTC day number predicted for (the calendar features' reference). */
      day: number;
      horizonDays: number;
      dropThreshold: number;
    };

export interface PricePredictor {
  meta: ModelMeta;
  /** Calibrated probabilities for a batch of feature rows (row-major, FEATURE_COUNT per row). */
  probabilities(features: Float32Array): Promise<Float32Array>;
  /** Probabilities for the given day indices of a series (each must have a price). */
  predictDays(series: DailySeries, days: readonly number[]): Promise<Float32Array>;
  /** The answer for the series' last day. */
  predict(series: DailySeries): Promise<Prediction>;
}

/**
 * The advice first, then the number behind it. "Buy now: 5% chance of ≥ 5% lower" read as if the 5% argued
 * for buying; "only" says it argues against waiting. When τ is high (money, not accuracy, sets it), a buy
 * can come with a 50 %+ chance, so that case says the chance is too small to be worth the wait.
 * The extension's catalogue (extension/ui/prediction-text.ts) words the same three forms per language.
 */
export type HeadlineForm = 'wait' | 'buy-now' | 'buy-now-despite-chance';

export function headlineForm(advice: 'buy-now' | 'wait', pDrop: number): HeadlineForm {
  if (advice === 'wait') return 'wait';
  return Math.round(pDrop * 100) < 50 ? 'buy-now' : 'buy-now-despite-chance';
}

export function headlineOf(advice: 'buy-now' | 'wait', pDrop: number, meta: ModelMeta): string {
  const pct = Math.round(pDrop * 100);
  const drop = `a ≥ ${Math.round(meta.dropThreshold * 100)}% drop within ${meta.horizonDays} days`;
  switch (headlineForm(advice, pDrop)) {
    case 'wait':
      return `Wait — ${pct}% chance of ${drop}`;
    case 'buy-now':
      return `Buy now — only ${pct}% chance of ${drop}`;
    case 'buy-now-despite-chance':
      return `Buy now — ${pct}% chance of ${drop}, not enough to be worth waiting`;
  }
}

export async function loadPricePredictor(
  ort: OrtModule,
  model: Uint8Array,
  meta: ModelMeta,
): Promise<PricePredictor> {
  if (meta.features.join() !== FEATURE_NAMES.join()) {
    throw new Error(
      'the model was trained on a different feature list than features.ts computes: retrain it',
    );
  }
  const session = await ort.InferenceSession.create(model);

  const probabilities = async (features: Float32Array) => {
    const n = features.length / FEATURE_COUNT;
    const out = await session.run({ features: new ort.Tensor('float32', features, [n, FEATURE_COUNT]) });
    return out.p_drop!.data as Float32Array;
  };

  const predictDays = (series: DailySeries, days: readonly number[]) => {
    const x = new Float32Array(days.length * FEATURE_COUNT);
    days.forEach((t, k) => {
      x.set(computeFeatures(series, t), k * FEATURE_COUNT);
    });
    return probabilities(x);
  };

  const predict = async (series: DailySeries): Promise<Prediction> => {
    const t = series.prices.length - 1;
    if (!hasEnoughHistory(t)) {
      return {
        kind: 'too-little-history',
        historyDays: Math.max(0, t + 1),
        neededDays: MIN_HISTORY_DAYS,
        message: `Too little price history to predict: ${Math.max(0, t + 1)} of ${MIN_HISTORY_DAYS} days seen.`,
      };
    }
    if (series.prices[t] == null) return { kind: 'no-price-today', message: 'No price today to judge.' };

    // Row 0: today's features; row j + 1: the same with feature j set to its typical (training median) value.
    const today = computeFeatures(series, t);
    const x = new Float32Array((FEATURE_COUNT + 1) * FEATURE_COUNT);
    for (let r = 0; r <= FEATURE_COUNT; r++) {
      x.set(today, r * FEATURE_COUNT);
      if (r > 0) x[r * FEATURE_COUNT + r - 1] = meta.featureMedians[r - 1]!;
    }
    const p = await probabilities(x);
    const pDrop = p[0]!;
    const advice = pDrop >= meta.decisionThreshold ? 'wait' : 'buy-now';
    const day = series.startDay + t;
    const sign = advice === 'wait' ? 1 : -1;
    const reasons: string[] = [];
    const drivers: { feature: FeatureName; value: number }[] = [];
    FEATURE_NAMES.map((name, j) => ({ name, j, push: sign * (pDrop - p[j + 1]!) }))
      .filter((f) => f.push > 0.005)
      .sort((a, b) => b.push - a.push)
      .forEach((f) => {
        const text = describeFeature(f.name, today[f.j]!, day);
        if (reasons.length < 3 && !reasons.includes(text)) {
          reasons.push(text);
          drivers.push({ feature: f.name, value: today[f.j]! });
        }
      });

    return {
      kind: 'prediction',
      pDrop,
      advice,
      headline: headlineOf(advice, pDrop, meta),
      reasons,
      drivers,
      day,
      horizonDays: meta.horizonDays,
      dropThreshold: meta.dropThreshold,
    };
  };

  return { meta, probabilities, predictDays, predict };
}

const SOURCE_LABELS: Record<string, string> = { steam: 'Steam games', heissepreise: 'groceries' };

/** One line per evaluation source, for the UI: how the model did on data it never saw. */
export function heldOutSummary(meta: ModelMeta): string[] {
  if (!meta.heldOut) return ['Not yet evaluated on held-out data.'];
  return Object.entries(meta.heldOut.sources).map(
    ([source, r]) =>
      `${SOURCE_LABELS[source] ?? source}: AUC ${r.rocAuc.toFixed(2)}, saved ${(r.meanSavings * 100).toFixed(1)}% per purchase ` +
      `(${Math.round(r.captured * 100)}% of the best possible), ${(r.loseOver5 * 100).toFixed(1)}% of purchases lost > 5%`,
  );
}
