import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { DailySeries } from '../shared/predict/daily.ts';
import { heldOutSummary, loadPricePredictor, type PricePredictor } from '../shared/predict/infer.ts';
import metaJson from '../shared/predict/model/price-drop.json';
import modelUrl from '../shared/predict/model/price-drop.onnx?url';
import { modelMetaSchema } from '../shared/predict/model-meta.ts';
import { heldOutFigures } from '../shared/prediction-text.ts';
import type { PredictionView } from './messaging.ts';

/**
 * The price-drop model in an extension page: the offscreen document (Chrome) or the background (Firefox).
 * Never imported by a content script or the Chrome service worker. ONNX Runtime and its 14 MB WebAssembly
 * binary load on the first question only; the session then stays for the life of the page.
 */

let loading: Promise<PricePredictor> | null = null;

function predictor(): Promise<PricePredictor> {
  loading ??= (async () => {
    const ort = await import('onnxruntime-web/wasm');
    // One thread: extension pages are not cross-origin isolated, so there is no SharedArrayBuffer for workers.
    ort.env.wasm.numThreads = 1;
    // The packaged binary (emitted by Vite from the import above), never a CDN: MV3 forbids remote code.
    ort.env.wasm.wasmPaths = { wasm: wasmUrl };
    const meta = modelMetaSchema.parse(metaJson);
    const model = new Uint8Array(await (await fetch(modelUrl)).arrayBuffer());
    return loadPricePredictor(ort, model, meta);
  })();
  // A failed load (e.g. out of memory) is retried on the next question rather than remembered forever.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export async function predictPrice(series: DailySeries): Promise<PredictionView> {
  const model = await predictor();
  const start = performance.now();
  const prediction = await model.predict(series);
  return {
    prediction,
    heldOut: heldOutSummary(model.meta),
    heldOutSources: heldOutFigures(model.meta),
    modelMs: performance.now() - start,
  };
}
