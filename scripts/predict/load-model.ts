/** The committed model, loaded in Node through onnxruntime-web's wasm build (the same runtime as the browser). */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web/wasm';
import { loadPricePredictor, type PricePredictor } from '../../shared/predict/infer.ts';
import { modelMetaSchema } from '../../shared/predict/model-meta.ts';
import { MODEL_META, MODEL_ONNX } from './paths.ts';

export async function loadCommittedPredictor(): Promise<PricePredictor> {
  ort.env.wasm.numThreads = 1;
  const meta = modelMetaSchema.parse(JSON.parse(readFileSync(MODEL_META, 'utf8')));
  return loadPricePredictor(ort, readFileSync(MODEL_ONNX), meta);
}
