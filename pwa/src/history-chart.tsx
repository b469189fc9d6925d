import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryDay } from '../../shared/api.ts';
import { formatMoney } from './format.ts';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Community daily median and low; unconfirmed days (one contributor) are drawn as gaps in the median. */
export function HistoryChart({
  days,
  currency,
  target,
}: {
  days: HistoryDay[];
  currency: string;
  target: number | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  // uPlot draws on a canvas with colours read once: redraw when the system switches light/dark.
  const [dark, setDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const query = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el || days.length === 0) return;
    const xs = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
    const med = days.map((d) => Number(d.median));
    const low = days.map((d) => Number(d.min));
    const data: uPlot.AlignedData = [xs, med, low];
    const series: uPlot.Series[] = [
      {},
      { label: 'Median', stroke: cssVar('--brand'), width: 2 },
      { label: 'Low', stroke: cssVar('--good'), width: 1, dash: [4, 4] },
    ];
    if (target != null) {
      data.push(xs.map(() => target));
      series.push({ label: 'Target', stroke: cssVar('--muted'), width: 1, dash: [2, 6] });
    }
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--line'), width: 1 } };
    const plot = new uPlot(
      {
        width: el.clientWidth || 340,
        height: 220,
        series,
        axes: [
          axis,
          { ...axis, size: 60, values: (_u, ticks) => ticks.map((t) => formatMoney(String(t), currency)) },
        ],
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, currency, target, dark]);

  const last = days.at(-1);
  const label = last
    ? `Price history over ${days.length} days; latest median ${formatMoney(last.median, currency)} on ${last.day}`
    : 'No price history';
  return <div ref={box} class="chart" role="img" aria-label={label} />;
}
