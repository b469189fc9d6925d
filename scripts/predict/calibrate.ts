/**
 * Platt scaling: p = σ(a·z + b) fitted on held-out logits z and labels y (optional row weights w).
 * Newton's method with step halving and a weak ridge pulling (a, b) towards (1, 0): on a validation window
 * that the logits almost separate, plain Newton ran a off to 1.6e10 (every probability 0 or 1, every test row
 * tied), which the ridge and the halving rule out.
 */
import type { Platt } from './model.ts';

/** Strength of the pull towards the identity (a = 1, b = 0), in units of "rows". */
const RIDGE = 1;

function loss(
  z: ArrayLike<number>,
  y: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  a: number,
  b: number,
) {
  let l = RIDGE * 0.5 * ((a - 1) ** 2 + b * b);
  for (let i = 0; i < z.length; i++) {
    const s = a * z[i]! + b;
    // log(1 + e^s) − y·s, computed without overflow.
    const softplus = s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
    l += (w ? w[i]! : 1) * (softplus - y[i]! * s);
  }
  return l;
}

export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>, w?: ArrayLike<number>): Platt {
  let a = 1;
  let b = 0;
  let current = loss(z, y, w, a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = RIDGE * (a - 1);
    let gb = RIDGE * b;
    let haa = RIDGE;
    let hab = 0;
    let hbb = RIDGE;
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
    let step = 1;
    let next = loss(z, y, w, a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(z, y, w, a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const moved = step * (Math.abs(da) + Math.abs(db));
    current = next;
    if (moved < 1e-10) break;
  }
  return { a, b };
}
