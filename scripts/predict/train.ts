/**
 * `npm run train`: fit one price-drop model per regime (shared/predict/regimes.ts) on the real histories
 * (time split: fit | h-day gap | validation), calibrate each on its source's validation window, export them to
 * ONNX and write their metadata. Deterministic: same data → same bytes.
 * Run `npm run eval:predict` afterwards to add the held-out records.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web/wasm';
import { isoDay } from '../../shared/predict/daily.ts';
import { FEATURE_COUNT, FEATURE_NAMES } from '../../shared/predict/features.ts';
import type { ModelMeta } from '../../shared/predict/model-meta.ts';
import { regimeOfSource } from '../../shared/predict/regimes.ts';
import { predictProbabilities } from './model.ts';
import { toOnnx } from './onnx-export.ts';
import { modelPaths, writeFormattedJson } from './paths.ts';
import { DEFAULT_SETTINGS, fitProcedure, loadDatasets, splitDays } from './pipeline.ts';
import { select } from './rows.ts';

const started = Date.now();
const { values } = parseArgs({ options: { horizon: { type: 'string' }, threshold: { type: 'string' } } });
const settings = {
  horizon: values.horizon ? Number(values.horizon) : DEFAULT_SETTINGS.horizon,
  threshold: values.threshold ? Number(values.threshold) : DEFAULT_SETTINGS.threshold,
};
console.log(`Loading price histories (h = ${settings.horizon} days, θ = ${settings.threshold * 100}%)…`);
const datasets = loadDatasets(settings);
const valEnds = datasets.map((d) => d.rows.lastLabelledDay);
console.log('Training:');
const models = fitProcedure(datasets, valEnds, settings);
ort.env.wasm.numThreads = 1;
const firstDay = (i: number) => Math.min(...datasets[i]!.source.products.map((p) => p.series.startDay));

for (const [k, fitted] of models.entries()) {
  const regime = regimeOfSource(fitted.source);
  if (!regime) throw new Error(`no regime stands for source ${fitted.source}`);
  const paths = modelPaths(regime);
  const bytes = toOnnx(
    fitted.model,
    `${regime}: P(min price within ${settings.horizon} days <= (1-${settings.threshold}) * today)`,
  );
  writeFileSync(paths.onnx, bytes);
  const meta: ModelMeta = {
    format: 1,
    regime,
    calibratedOn: fitted.source,
    model: `${fitted.candidate} on ${fitted.fitOn}${fitted.blendWeight ? ` + ${fitted.blendWeight} · vsMedian90` : ''}`,
    features: [...FEATURE_NAMES],
    horizonDays: settings.horizon,
    dropThreshold: settings.threshold,
    decisionThreshold: fitted.tau,
    featureMedians: fitted.featureMedians,
    trainedOn: datasets.flatMap((d, i) => {
      const fitRows = fitted.fitRows[d.source.name];
      if (fitRows === undefined) return [];
      const s = splitDays(d, valEnds[i]!, settings.horizon);
      return [
        {
          source: d.source.name,
          products: d.source.products.length,
          fitRows,
          fitUntil: isoDay(firstDay(i) + s.fitEnd),
          validation: [isoDay(firstDay(i) + s.valStart), isoDay(firstDay(i) + s.valEnd)] as [string, string],
          validationAuc: fitted.validationAuc[d.source.name]!,
        },
      ];
    }),
  };
  writeFormattedJson(paths.meta, meta);

  // The exported graph must compute what the TypeScript reference computes.
  const session = await ort.InferenceSession.create(bytes);
  const rows = datasets[k]!.rows;
  const sample = select(rows, 0, rows.lastLabelledDay).slice(0, 2000);
  const x = new Float32Array(sample.length * FEATURE_COUNT);
  for (const [j, r] of sample.entries()) {
    x.set(rows.x.subarray(r * FEATURE_COUNT, (r + 1) * FEATURE_COUNT), j * FEATURE_COUNT);
  }
  const out = await session.run({ features: new ort.Tensor('float32', x, [sample.length, FEATURE_COUNT]) });
  const reference = predictProbabilities(fitted.model, x);
  const onnxP = out.p_drop!.data as Float32Array;
  const maxDiff = reference.reduce((m, p, i) => Math.max(m, Math.abs(p - onnxP[i]!)), 0);
  console.log(
    `${regime}: wrote ${paths.onnx} (${(bytes.length / 1024).toFixed(1)} KB) and ${paths.meta}; ` +
      `ONNX Runtime vs TypeScript reference on ${sample.length} rows: max |Δp| = ${maxDiff.toExponential(2)}`,
  );
  if (maxDiff > 1e-5) process.exitCode = 1;
}
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
