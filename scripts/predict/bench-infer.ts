/**
 * Inference latency including features, through onnxruntime-web's wasm build in Node (the browser figure is
 * `npm run bench`'s job): prints p50/p95 of predictor.predict() on a 120-day series.
 * Run: npx tsx scripts/predict/bench-infer.ts
 */
import { dayNumber } from '../../shared/predict/daily.ts';
import { loadCommittedPredictor } from './load-model.ts';

const predictor = await loadCommittedPredictor();
const series = {
  startDay: dayNumber('2025-06-01'),
  prices: Array.from({ length: 120 }, (_, t) => (t % 28 < 5 ? 1399 : 1999)),
};
const times: number[] = [];
for (let i = 0; i < 520; i++) {
  const started = performance.now();
  await predictor.predict(series);
  if (i >= 20) times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(3);
console.log(
  `predict() incl. features and explanations, ${times.length} runs: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`,
);
