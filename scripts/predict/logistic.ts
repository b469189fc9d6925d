/** L2-regularised logistic regression by Newton's method on standardised features. */
import { FEATURE_COUNT } from '../../shared/predict/features.ts';
import type { LogisticModel } from './model.ts';
import type { Matrix } from './rows.ts';

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

export function trainLogistic(data: Matrix, l2 = 1): LogisticModel {
  const F = FEATURE_COUNT;
  const mean = new Array(F).fill(0);
  const sd = new Array(F).fill(0);
  for (let i = 0; i < data.n; i++) for (let j = 0; j < F; j++) mean[j] += data.x[i * F + j]! / data.n;
  for (let i = 0; i < data.n; i++)
    for (let j = 0; j < F; j++) sd[j] += (data.x[i * F + j]! - mean[j]) ** 2 / data.n;
  for (let j = 0; j < F; j++) sd[j] = Math.sqrt(sd[j]) || 1;

  // w[0] is the intercept, w[1..F] the standardised weights.
  let w = new Array(F + 1).fill(0);
  const z = new Float64Array(F + 1);
  for (let iter = 0; iter < 25; iter++) {
    const grad = new Array(F + 1).fill(0);
    const hess = Array.from({ length: F + 1 }, () => new Array(F + 1).fill(0));
    for (let i = 0; i < data.n; i++) {
      z[0] = 1;
      let s = w[0];
      for (let j = 0; j < F; j++) {
        z[j + 1] = (data.x[i * F + j]! - mean[j]) / sd[j];
        s += w[j + 1] * z[j + 1]!;
      }
      const p = 1 / (1 + Math.exp(-s));
      const weight = data.w ? data.w[i]! : 1;
      const g = weight * (p - data.y[i]!);
      const h = weight * Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a <= F; a++) {
        grad[a] += g * z[a]!;
        const hz = h * z[a]!;
        for (let b = a; b <= F; b++) hess[a]![b] += hz * z[b]!;
      }
    }
    for (let a = 1; a <= F; a++) {
      grad[a] += l2 * w[a];
      hess[a]![a] += l2;
    }
    for (let a = 0; a <= F; a++) for (let b = 0; b < a; b++) hess[a]![b] = hess[b]![a]!;
    const step = solve(hess, grad);
    w = w.map((v, k) => v - step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  const weights = Array.from({ length: F }, (_, j) => Math.fround(w[j + 1] / sd[j]));
  const bias = Math.fround(w[0] - weights.reduce((s, wj, j) => s + wj * mean[j], 0));
  return { kind: 'logistic', weights, bias };
}
