/** Platt scaling: p = σ(a·z + b) fitted by Newton's method on held-out logits z, labels y and row weights w. */
import type { Platt } from './model.ts';

export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): Platt {
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * z[i]! + b)));
      const wi = w ? w[i]! : 1;
      const g = wi * (p - y[i]!);
      const h = wi * Math.max(p * (1 - p), 1e-12);
      ga += g * z[i]!;
      gb += g;
      haa += h * z[i]! * z[i]!;
      hab += h * z[i]!;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}
