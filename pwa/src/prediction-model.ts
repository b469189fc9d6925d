/**
 * The price-drop model in the PWA page, imported dynamically by prediction.ts. Same settings as the extension
 * (extension/price-model.ts): the WebAssembly build, one thread (the page is not cross-origin isolated), the
 * binary served from our own origin rather than a CDN.
 */
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { loadPricePredictor, type PricePredictor } from '../../shared/predict/infer.ts';
import metaJson from '../../shared/predict/model/price-drop.json';
import modelUrl from '../../shared/predict/model/price-drop.onnx?url';
import { modelMetaSchema } from '../../shared/predict/model-meta.ts';

export async function loadPwaPredictor(): Promise<PricePredictor> {
  const ort = await import('onnxruntime-web/wasm');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  const meta = modelMetaSchema.parse(metaJson);
  const response = await fetch(modelUrl);
  if (!response.ok) throw new Error(`model file: HTTP ${response.status}`);
  return loadPricePredictor(ort, new Uint8Array(await response.arrayBuffer()), meta);
}
