import type { PricePoint } from '../messaging.ts';

/**
 * A step-line sparkline as an SVG path (a price holds until the next read), in a `width`×`height` box with a
 * pixel of padding. Pure, so the geometry is tested without a DOM.
 */
export function sparklinePath(
  points: readonly PricePoint[],
  width: number,
  height: number,
  until: number,
): string {
  if (points.length === 0) return '';
  const pad = 1;
  const t0 = points[0]!.observedAt;
  const t1 = Math.max(until, points.at(-1)!.observedAt);
  const prices = points.map((p) => p.price);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  const x = (t: number) => (t1 === t0 ? width - pad : pad + ((t - t0) / (t1 - t0)) * (width - 2 * pad));
  const y = (p: number) => (hi === lo ? height / 2 : pad + ((hi - p) / (hi - lo)) * (height - 2 * pad));
  const r = (n: number) => Math.round(n * 10) / 10;
  let d = `M${r(t1 === t0 ? pad : x(t0))} ${r(y(points[0]!.price))}`;
  for (let i = 1; i < points.length; i++) {
    d += ` H${r(x(points[i]!.observedAt))} V${r(y(points[i]!.price))}`;
  }
  return `${d} H${r(x(t1))}`;
}
