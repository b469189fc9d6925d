import { lazyComponent } from './lazy.tsx';

/**
 * The price chart after the first paint: uPlot is most of the popup's script, and the title, prices and verdict
 * do not wait for it. Its height is kept meanwhile.
 */
export const LazyPriceChart = lazyComponent(
  () => import('./PriceChart.tsx').then((m) => m.PriceChart),
  (props) => <div class="price-chart" style={{ minHeight: `${props.height ?? 140}px` }} />,
);
