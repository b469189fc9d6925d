import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryDay } from '../../shared/api.ts';
import { formatDay, formatMoney } from './format.ts';
import { currentLocale, t, tn } from './i18n.ts';

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
    // Days on the axis and in the legend as the screen's locale writes them (uPlot's own formats are English).
    const day = new Intl.DateTimeFormat(currentLocale(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const dayText = (seconds: number) => day.format(seconds * 1000);
    const series: uPlot.Series[] = [
      { label: t('chart.day'), value: (_u, seconds) => (seconds == null ? '--' : dayText(seconds)) },
      { label: t('chart.median'), stroke: cssVar('--brand'), width: 2 },
      { label: t('chart.low'), stroke: cssVar('--good'), width: 1, dash: [4, 4] },
    ];
    if (target != null) {
      data.push(xs.map(() => target));
      series.push({ label: t('chart.target'), stroke: cssVar('--muted'), width: 1, dash: [2, 6] });
    }
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--line'), width: 1 } };
    const plot = new uPlot(
      {
        width: el.clientWidth || 340,
        height: 220,
        series,
        axes: [
          { ...axis, values: (_u, ticks) => ticks.map(dayText) },
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
    ? tn('chart.label', days.length, { price: formatMoney(last.median, currency), date: formatDay(last.day) })
    : t('chart.empty');
  return <div ref={box} class="chart" role="img" aria-label={label} />;
}
