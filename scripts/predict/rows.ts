/**
 * Feature rows of every buyable day of every product, computed once per source and then sliced by time for
 * fitting, validation and testing. Float32 throughout: the ONNX model sees float32, so training does too.
 */
import {
  CALENDAR_FEATURES,
  computeFeatures,
  FEATURE_COUNT,
  FEATURE_NAMES,
} from '../../shared/predict/features.ts';
import { dropLabel } from '../../shared/predict/label.ts';
import type { Source } from './datasets.ts';

/** Training may use younger series than predictions (historyDays is a feature); the UI needs 30 days. */
export const MIN_TRAIN_HISTORY_DAYS = 14;

export interface Rows {
  source: string;
  n: number;
  x: Float32Array;
  /** 0/1, or 255 when the label is not knowable (the horizon runs past the data). */
  y: Uint8Array;
  product: Int32Array;
  /** Day index within the product's series. */
  t: Int32Array;
  /** Days since the source's first day (shared calendar for time splits). */
  day: Int32Array;
  /** rowOf[product][t] = row index or -1. */
  rowOf: Int32Array[];
  /** Last source day whose label is knowable. */
  lastLabelledDay: number;
}

export function buildRows(src: Source, horizon: number, threshold: number): Rows {
  const firstDay = Math.min(...src.products.map((p) => p.series.startDay));
  const lastDay = Math.max(...src.products.map((p) => p.series.startDay + p.series.prices.length - 1));
  let capacity = 0;
  for (const p of src.products) capacity += p.series.prices.length;
  const x = new Float32Array(capacity * FEATURE_COUNT);
  const y = new Uint8Array(capacity);
  const product = new Int32Array(capacity);
  const t = new Int32Array(capacity);
  const day = new Int32Array(capacity);
  const rowOf: Int32Array[] = [];
  let n = 0;
  src.products.forEach((p, pi) => {
    const map = new Int32Array(p.series.prices.length).fill(-1);
    rowOf.push(map);
    for (let i = MIN_TRAIN_HISTORY_DAYS - 1; i < p.series.prices.length; i++) {
      if (p.series.prices[i] == null) continue;
      x.set(computeFeatures(p.series, i, src.calendar), n * FEATURE_COUNT);
      y[n] = dropLabel(p.series, i, horizon, threshold) ?? 255;
      product[n] = pi;
      t[n] = i;
      day[n] = p.series.startDay + i - firstDay;
      map[i] = n;
      n++;
    }
  });
  return {
    source: src.name,
    n,
    x: x.subarray(0, n * FEATURE_COUNT),
    y: y.subarray(0, n),
    product: product.subarray(0, n),
    t: t.subarray(0, n),
    day: day.subarray(0, n),
    rowOf,
    lastLabelledDay: lastDay - firstDay - horizon,
  };
}

/** Row indices with a knowable label, a source day in [from, to], and (optionally) at least minHistory days. */
export function select(rows: Rows, from: number, to: number, minHistory = MIN_TRAIN_HISTORY_DAYS): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.n; i++) {
    if (rows.y[i] === 255 || rows.day[i]! < from || rows.day[i]! > to || rows.t[i]! + 1 < minHistory)
      continue;
    out.push(i);
  }
  return out;
}

/** A training matrix gathered from several sources' selected rows. */
export interface Matrix {
  n: number;
  x: Float32Array;
  y: Uint8Array;
  /** Row weights; omitted = all 1. (Equal total weight per source was tried: worse on both sources.) */
  w?: Float64Array;
}

const HELD_CONSTANT = CALENDAR_FEATURES.map((f) => FEATURE_NAMES.indexOf(f));

/**
 * Training matrix; calendar features are held at 0 so the model gets no date stamps (see CALENDAR_FEATURES).
 * `releaseCalendar` keeps them (only the in-sample ceiling, scripts/predict/ceiling.ts, does that).
 */
export function gather(
  parts: { rows: Rows; idx: readonly number[] }[],
  { releaseCalendar = false }: { releaseCalendar?: boolean } = {},
): Matrix {
  const n = parts.reduce((s, p) => s + p.idx.length, 0);
  const x = new Float32Array(n * FEATURE_COUNT);
  const y = new Uint8Array(n);
  let k = 0;
  for (const { rows, idx } of parts) {
    for (const i of idx) {
      x.set(rows.x.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT), k * FEATURE_COUNT);
      if (!releaseCalendar) for (const j of HELD_CONSTANT) x[k * FEATURE_COUNT + j] = 0;
      y[k++] = rows.y[i]!;
    }
  }
  return { n, x, y };
}
