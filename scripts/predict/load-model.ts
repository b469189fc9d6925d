/** A committed model, loaded in Node through onnxruntime-web's wasm build (the same runtime as the browser). */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web/wasm';
import { loadPricePredictor, type PricePredictor } from '../../shared/predict/infer.ts';
import { modelMetaSchema } from '../../shared/predict/model-meta.ts';
import { BROWSER_REGIME, type Regime } from '../../shared/predict/regimes.ts';
import { modelPaths } from './paths.ts';

/** Default: the model the browser uses. */
export async function loadCommittedPredictor(regime: Regime = BROWSER_REGIME): Promise<PricePredictor> {
  ort.env.wasm.numThreads = 1;
  const paths = modelPaths(regime);
  const meta = modelMetaSchema.parse(JSON.parse(readFileSync(paths.meta, 'utf8')));
  return loadPricePredictor(ort, readFileSync(paths.onnx), meta);
}
