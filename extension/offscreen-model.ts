import { browser } from 'wxt/browser';
import type { DailySeries } from '../shared/predict/daily.ts';
import type { PredictionView } from './messaging.ts';

/**
 * Chrome: the background asks the offscreen document (extension/entrypoints/offscreen/) to run the price
 * model, because a service worker cannot import() ONNX Runtime. The document is created on the first question
 * and kept (one per extension; later questions skip the model's start-up).
 */

export const OFFSCREEN_PATH = '/offscreen.html';
const TARGET = 'offscreen:price-model';

export interface ModelRequest {
  target: typeof TARGET;
  series: DailySeries;
}

export type ModelReply = { ok: true; data: PredictionView } | { ok: false; error: string };

/** Every runtime message reaches the offscreen document too: it answers only these. */
export function isModelRequest(message: unknown): message is ModelRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { target, series } = message as Partial<ModelRequest>;
  return (
    target === TARGET &&
    typeof series === 'object' &&
    series !== null &&
    Number.isSafeInteger(series.startDay) &&
    Array.isArray(series.prices) &&
    series.prices.length <= 100_000 &&
    series.prices.every((p) => p === null || (Number.isSafeInteger(p) && p > 0))
  );
}

let creating: Promise<void> | null = null;

async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const open = await browser.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [url],
  });
  if (open.length) return;
  // Two popups asking at once must not create two documents (the second createDocument would throw).
  creating ??= browser.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      // No reason names WebAssembly; WORKERS is the closest: compute the service worker cannot host.
      reasons: ['WORKERS'],
      justification: 'Runs the on-device price-drop model (ONNX Runtime WebAssembly) for the popup.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

export async function predictOffscreen(series: DailySeries): Promise<PredictionView> {
  await ensureOffscreenDocument();
  const reply = (await browser.runtime.sendMessage({ target: TARGET, series } satisfies ModelRequest)) as
    | ModelReply
    | undefined;
  if (!reply) throw new Error('the offscreen document did not answer');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}
