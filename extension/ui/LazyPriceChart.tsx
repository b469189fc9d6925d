import { useEffect, useState } from 'preact/hooks';
import type { PriceChart as Chart } from './PriceChart.tsx';

type Props = Parameters<typeof Chart>[0];

let loading: Promise<typeof Chart> | null = null;

/**
 * The price chart, loaded after the first paint: uPlot is most of the screen's script, and the title, prices
 * and verdict do not wait for it. The space is kept so nothing shifts when it arrives.
 */
export function LazyPriceChart(props: Props) {
  const [Loaded, setLoaded] = useState<typeof Chart | null>(null);
  useEffect(() => {
    let live = true;
    loading ??= import('./PriceChart.tsx').then((m) => m.PriceChart);
    void loading.then((c) => live && setLoaded(() => c));
    return () => {
      live = false;
    };
  }, []);
  return Loaded ? (
    <Loaded {...props} />
  ) : (
    <div class="price-chart" style={{ minHeight: `${props.height ?? 140}px` }} />
  );
}
