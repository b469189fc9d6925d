/**
 * The two model families the trainer chooses between, and their TypeScript reference scorer. The ONNX export
 * (onnx-export.ts) must compute exactly this; onnx-export.test.ts holds them to 1e-5. Parameters are float32
 * (Math.fround) because ONNX Runtime computes in float32.
 */
import { FEATURE_COUNT } from '../../shared/predict/features.ts';

export interface LogisticModel {
  kind: 'logistic';
  /** On raw (unstandardised) features. */
  weights: number[];
  bias: number;
}

/** feature < 0 marks a leaf holding `value`; otherwise x[feature] <= threshold goes to `left`. */
export interface TreeNode {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  value: number;
}

export interface TreesModel {
  kind: 'trees';
  base: number;
  trees: TreeNode[][];
}

/**
 * A ranking model plus a linear term in one raw feature: logit = base(x) + weight · x[feature]. Only the
 * evaluation's `--variant blend-median90` builds one (README "What was tried"); onnx-export.ts exports it too.
 */
export interface BlendModel {
  kind: 'blend';
  base: LogisticModel | TreesModel;
  feature: number;
  weight: number;
}

export type Model = LogisticModel | TreesModel | BlendModel;

export interface Platt {
  a: number;
  b: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The model's logit for row `row` of a float32 matrix. */
export function rawScore(model: Model, x: ArrayLike<number>, row = 0): number {
  const o = row * FEATURE_COUNT;
  if (model.kind === 'blend') {
    return rawScore(model.base, x, row) + model.weight * Math.fround(x[o + model.feature]!);
  }
  if (model.kind === 'logistic') {
    let z = model.bias;
    for (let j = 0; j < FEATURE_COUNT; j++) z += model.weights[j]! * Math.fround(x[o + j]!);
    return z;
  }
  let z = model.base;
  for (const tree of model.trees) {
    let node = tree[0]!;
    while (node.feature >= 0)
      node = tree[Math.fround(x[o + node.feature]!) <= node.threshold ? node.left : node.right]!;
    z += node.value;
  }
  return z;
}

/** Folds Platt scaling (p = σ(a·z + b)) into the model itself, so the exported graph ends in one Sigmoid. */
export function withCalibration(model: Model, { a, b }: Platt): Model {
  if (model.kind === 'blend') {
    // a·(base + w·x) + b = (a·base + b) + (a·w)·x
    const base = withCalibration(model.base, { a, b }) as LogisticModel | TreesModel;
    return { ...model, base, weight: Math.fround(a * model.weight) };
  }
  if (model.kind === 'logistic') {
    return {
      kind: 'logistic',
      weights: model.weights.map((w) => Math.fround(a * w)),
      bias: Math.fround(a * model.bias + b),
    };
  }
  return {
    kind: 'trees',
    base: Math.fround(a * model.base + b),
    trees: model.trees.map((tree) =>
      tree.map((n) => (n.feature < 0 ? { ...n, value: Math.fround(a * n.value) } : n)),
    ),
  };
}

export function predictProbabilities(
  model: Model,
  x: Float32Array,
  n = x.length / FEATURE_COUNT,
): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sigmoid(rawScore(model, x, i));
  return out;
}
