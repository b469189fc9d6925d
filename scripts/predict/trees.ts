/**
 * Gradient-boosted decision trees for the log-loss, histogram-based (quantile bins), small on purpose: a few
 * dozen shallow trees fit in a few tens of KB of ONNX.
 */
import { FEATURE_COUNT } from '../../shared/predict/features.ts';
import type { TreeNode, TreesModel } from './model.ts';
import { seededRandom } from './rng.ts';
import type { Matrix } from './rows.ts';

export interface TreesOptions {
  trees: number;
  depth: number;
  learningRate: number;
  l2: number;
  minChildHessian: number;
  subsample: number;
  bins: number;
  seed: number;
  /**
   * Per feature: +1 = the logit may only rise with it, −1 = only fall, 0 = free. XGBoost's rule: a split on a
   * constrained feature must order its two children's values that way, and each child's subtree is then bounded
   * by their midpoint, so the whole ensemble is monotone in that feature. Omitted = all free.
   */
  monotone?: readonly number[];
}

export const DEFAULT_TREES: TreesOptions = {
  trees: 120,
  depth: 3,
  learningRate: 0.1,
  l2: 1,
  minChildHessian: 5,
  subsample: 0.7,
  bins: 32,
  seed: 1,
};

/** Quantile cut points per feature, as float32 values so the exported thresholds compare identically. */
function cutPoints(data: Matrix, bins: number, random: () => number): Float32Array[] {
  const F = FEATURE_COUNT;
  const sampleSize = Math.min(data.n, 50_000);
  const rows = Array.from({ length: sampleSize }, () => Math.floor(random() * data.n));
  const cuts: Float32Array[] = [];
  for (let j = 0; j < F; j++) {
    const values = rows.map((i) => data.x[i * F + j]!).sort((a, b) => a - b);
    const set = new Set<number>();
    for (let k = 1; k < bins; k++) set.add(values[Math.floor((k * values.length) / bins)]!);
    // The largest value is not a useful "x <= cut" split.
    set.delete(values.at(-1)!);
    cuts.push(Float32Array.from([...set].sort((a, b) => a - b)));
  }
  return cuts;
}

function binOf(cuts: Float32Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function trainTrees(data: Matrix, options: Partial<TreesOptions> = {}): TreesModel {
  const o = { ...DEFAULT_TREES, ...options };
  const F = FEATURE_COUNT;
  const random = seededRandom(o.seed);
  const cuts = cutPoints(data, o.bins, random);
  const B = o.bins + 1;
  const binned = new Uint8Array(data.n * F);
  for (let i = 0; i < data.n; i++)
    for (let j = 0; j < F; j++) binned[i * F + j] = binOf(cuts[j]!, data.x[i * F + j]!);

  let positives = 0;
  let total = 0;
  for (let i = 0; i < data.n; i++) {
    const w = data.w ? data.w[i]! : 1;
    positives += w * data.y[i]!;
    total += w;
  }
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / total));
  const base = Math.fround(Math.log(rate / (1 - rate)));
  const score = new Float64Array(data.n).fill(base);
  const g = new Float64Array(data.n);
  const h = new Float64Array(data.n);
  const histG = new Float64Array(F * B);
  const histH = new Float64Array(F * B);
  const trees: TreeNode[][] = [];
  // Per tree: the bin each internal node splits at, to route rows without float comparisons.
  const splitBins: number[] = [];

  for (let tIdx = 0; tIdx < o.trees; tIdx++) {
    for (let i = 0; i < data.n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]!));
      const w = data.w ? data.w[i]! : 1;
      g[i] = w * (p - data.y[i]!);
      h[i] = w * p * (1 - p);
    }
    const sample: number[] = [];
    for (let i = 0; i < data.n; i++) if (random() < o.subsample) sample.push(i);
    const idx = Int32Array.from(sample);
    const nodes: TreeNode[] = [];
    splitBins.length = 0;

    const clamp = (v: number, lower: number, upper: number) => Math.min(upper, Math.max(lower, v));
    const grow = (lo: number, hi: number, depth: number, lower: number, upper: number): number => {
      let G = 0;
      let H = 0;
      for (let k = lo; k < hi; k++) {
        G += g[idx[k]!]!;
        H += h[idx[k]!]!;
      }
      const id = nodes.length;
      const leaf = () => {
        nodes.push({
          feature: -1,
          threshold: 0,
          left: 0,
          right: 0,
          value: Math.fround(clamp((-G / (H + o.l2)) * o.learningRate, lower, upper)),
        });
        splitBins.push(-1);
        return id;
      };
      if (depth >= o.depth || H < 2 * o.minChildHessian) return leaf();
      histG.fill(0);
      histH.fill(0);
      for (let k = lo; k < hi; k++) {
        const i = idx[k]!;
        const gi = g[i]!;
        const hi2 = h[i]!;
        const row = i * F;
        for (let j = 0; j < F; j++) {
          const b = j * B + binned[row + j]!;
          histG[b]! += gi;
          histH[b]! += hi2;
        }
      }
      const parent = (G * G) / (H + o.l2);
      let best = 1e-9;
      let bestFeature = -1;
      let bestBin = -1;
      let bestMid = 0;
      for (let j = 0; j < F; j++) {
        const direction = o.monotone?.[j] ?? 0;
        let GL = 0;
        let HL = 0;
        const nb = cuts[j]!.length;
        for (let b = 0; b < nb; b++) {
          GL += histG[j * B + b]!;
          HL += histH[j * B + b]!;
          const HR = H - HL;
          if (HL < o.minChildHessian || HR < o.minChildHessian) continue;
          const GR = G - GL;
          const gain = (GL * GL) / (HL + o.l2) + (GR * GR) / (HR + o.l2) - parent;
          if (gain <= best) continue;
          let mid = 0;
          if (direction !== 0) {
            // Left holds the smaller values: its value must not exceed the right's (rising), or vice versa.
            const wl = clamp((-GL / (HL + o.l2)) * o.learningRate, lower, upper);
            const wr = clamp((-GR / (HR + o.l2)) * o.learningRate, lower, upper);
            if (direction * (wr - wl) < 0) continue;
            mid = (wl + wr) / 2;
          }
          best = gain;
          bestFeature = j;
          bestBin = b;
          bestMid = mid;
        }
      }
      if (bestFeature < 0) return leaf();
      let mid = lo;
      for (let k = lo; k < hi; k++) {
        const i = idx[k]!;
        if (binned[i * F + bestFeature]! <= bestBin) {
          idx[k] = idx[mid]!;
          idx[mid++] = i;
        }
      }
      nodes.push({
        feature: bestFeature,
        threshold: cuts[bestFeature]![bestBin]!,
        left: 0,
        right: 0,
        value: 0,
      });
      splitBins.push(bestBin);
      const direction = o.monotone?.[bestFeature] ?? 0;
      const left = grow(lo, mid, depth + 1, direction < 0 ? bestMid : lower, direction > 0 ? bestMid : upper);
      const right = grow(
        mid,
        hi,
        depth + 1,
        direction > 0 ? bestMid : lower,
        direction < 0 ? bestMid : upper,
      );
      nodes[id]!.left = left;
      nodes[id]!.right = right;
      return id;
    };
    grow(0, idx.length, 0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    trees.push(nodes);
    for (let i = 0; i < data.n; i++) {
      let k = 0;
      while (nodes[k]!.feature >= 0) {
        const n = nodes[k]!;
        k = binned[i * F + n.feature]! <= splitBins[k]! ? n.left : n.right;
      }
      score[i]! += nodes[k]!.value;
    }
  }
  return { kind: 'trees', base, trees };
}
