import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { toMajor } from '../../shared/money.ts';
import type { PricePoint } from '../messaging.ts';
import { formatMoneyCompact } from './format.ts';
import { currentLocale } from './i18n.ts';

/**
 * Price history as a step line (a price holds until the next read). `community`: other shoppers' daily prices for
 * the days the shopper has no reads of their own, drawn as a second, dashed series. `purchases`: what the shopper
 * paid (from their orders), drawn as green dots.
 */
export function PriceChart({
  points,
  community = null,
  purchases = null,
  currency,
  width = 320,
  height = 140,
}: {
  points: PricePoint[];
  community?: PricePoint[] | null;
  purchases?: PricePoint[] | null;
  currency: string;
  width?: number;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const others = community ?? [];
    const bought = purchases ?? [];
    const xs = [...new Set([...points, ...others, ...bought].map((p) => p.observedAt / 1000))].sort(
      (a, b) => a - b,
    );
    const at = (list: PricePoint[]) => {
      const byTime = new Map(list.map((p) => [p.observedAt / 1000, toMajor(p.price, currency)]));
      return xs.map((x) => byTime.get(x) ?? null);
    };
    const ys = at(points);
    const chart = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          // One read (or one price) has no extent: give it a day either side / ±10 % so it sits mid-chart.
          x:
            xs.length > 0 && xs[0] === xs.at(-1)
              ? { time: true, auto: false, range: [xs[0]! - 86_400, xs[0]! + 86_400] }
              : { time: true },
          y: {
            range: (_u, min, max) => {
              const pad = min === max ? Math.abs(min) * 0.1 || 1 : (max - min) * 0.1;
              return [Math.max(0, min - pad), max + pad];
            },
          },
        },
        axes: [
          // uPlot's own date labels are English: the screen's locale instead.
          { values: (u, ticks) => ticks.map((t) => dayLabel(t, u.scales.x!.max! - u.scales.x!.min!)) },
          {
            values: (_u, ticks) => ticks.map((t) => formatMoneyCompact(t, currency)),
            size: 70,
          },
        ],
        series: [
          {},
          {
            stroke: '#e62e04',
            width: 2,
            points: { show: true, size: 6 },
            spanGaps: true,
            paths: uPlot.paths.stepped?.({ align: 1 }),
          },
          ...(others.length
            ? [
                {
                  stroke: '#1f6feb',
                  width: 1.5,
                  dash: [4, 4],
                  spanGaps: true,
                  points: { show: true, size: 5 },
                },
              ]
            : []),
          ...(bought.length
            ? [
                {
                  stroke: '#0a7a2f',
                  width: 0,
                  paths: () => null,
                  points: { show: true, size: 10, fill: '#0a7a2f' },
                },
              ]
            : []),
        ],
      },
      [xs, ys, ...(others.length ? [at(others)] : []), ...(bought.length ? [at(bought)] : [])],
      host.current,
    );
    return () => chart.destroy();
  }, [points, community, purchases, currency, width, height]);
  return <div class="price-chart" data-testid="price-chart" ref={host} />;
}

/** "20 Nov" (with the hour when the chart spans under three days), in the screen's locale. */
function dayLabel(seconds: number, spanSeconds: number): string {
  const options: Intl.DateTimeFormatOptions =
    spanSeconds < 3 * 86_400
      ? { day: 'numeric', month: 'short', hour: 'numeric' }
      : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(currentLocale(), options).format(seconds * 1000);
}
