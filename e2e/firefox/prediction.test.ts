import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web/wasm';
import { describe, expect, it } from 'vitest';
import type { PredictionView } from '../../extension/messaging.ts';
import { type DailySeries, dayNumber } from '../../shared/predict/daily.ts';
import { loadPricePredictor } from '../../shared/predict/infer.ts';
import { modelMetaSchema } from '../../shared/predict/model-meta.ts';
import { expectedCase, fixtureText, PAGES } from '../pages.ts';
import { firefoxWithBuild } from './launch.ts';
import { buildWithModelProbe, MODEL_ANSWER, MODEL_ASK } from './model-probe.ts';

/** Issue 8 in real Firefox ESR: the packaged model runs in the background (no offscreen documents there). */

const MODEL_DIR = new URL('../../shared/predict/model/', import.meta.url);
/** 60 days: €89.99 with a 20% sale for five days every 30 days; today at full price. */
const SERIES: DailySeries = {
  startDay: dayNumber('2026-09-01'),
  prices: Array.from({ length: 60 }, (_, t) => (t % 30 < 5 && t < 55 ? 7199 : 8999)),
};

const firefox = firefoxWithBuild(buildWithModelProbe);

describe('Firefox ESR: price model in the background', () => {
  it('loads ONNX Runtime and the model and answers as the shared code does in Node', async () => {
    const expected = expectedCase(PAGES.runParamsEur);
    const page = await firefox().newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().split('?')[0] === expected.url) {
        void request.respond({
          status: 200,
          contentType: 'text/html',
          body: fixtureText(PAGES.runParamsEur),
        });
      } else void request.abort('blockedbyclient');
    });
    await page.goto(expected.url!, { waitUntil: 'load' });
    await page.evaluate(
      (answer, ask, series) => {
        document.documentElement.removeAttribute(answer);
        document.documentElement.setAttribute(ask, series);
      },
      MODEL_ANSWER,
      MODEL_ASK,
      JSON.stringify(SERIES),
    );
    const handle = await page.waitForFunction(
      (answer) => document.documentElement.getAttribute(answer),
      { timeout: 30_000 },
      MODEL_ANSWER,
    );
    const reply = JSON.parse((await handle.jsonValue()) as string) as
      | { ok: true; data: PredictionView }
      | { ok: false; error: string };
    if (!reply.ok) throw new Error(reply.error);

    ort.env.wasm.numThreads = 1;
    const predictor = await loadPricePredictor(
      ort,
      readFileSync(new URL('price-drop.onnx', MODEL_DIR)),
      modelMetaSchema.parse(JSON.parse(readFileSync(new URL('price-drop.json', MODEL_DIR), 'utf8'))),
    );
    const reference = await predictor.predict(SERIES);
    expect(reference.kind).toBe('prediction');
    expect(reply.data.prediction).toMatchObject({ ...reference, pDrop: expect.any(Number) });
    if (reply.data.prediction.kind !== 'prediction' || reference.kind !== 'prediction') return;
    expect(reply.data.prediction.pDrop).toBeCloseTo(reference.pDrop, 6);
    expect(reply.data.heldOut.join('\n')).toMatch(/AUC \d\.\d\d/);
    await page.close();
  });
});
