import { browser } from 'wxt/browser';
import type { DailySeries } from '../shared/predict/daily.ts';
import type { PredictionView } from './messaging.ts';

/**
 * Chrome: the background asks the offscreen document (extension/entrypoints/offscreen/) to run the price
 * model, because a service worker cannot import() ONNX Runtime. The document is created on the first question
 * and closed once questions stop: with the model loaded it held ~70 MB more renderer memory (one headless
 * measurement), too much to keep for a popup opened now and then. The idle delay stays under the service
 * worker's 30 s idle shutdown, which would drop the timer; popups opened in a row reuse the warm document.
 */

export const OFFSCREEN_PATH = '/offscreen.html';
const TARGET = 'offscreen:price-model';
export const OFFSCREEN_IDLE_MS = 25_000;

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
let closing: Promise<void> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let inFlight = 0;

async function ensureOffscreenDocument(): Promise<void> {
  await closing;
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

function closeWhenIdle(): void {
  clearTimeout(idleTimer);
  if (inFlight > 0) return;
  idleTimer = setTimeout(() => {
    closing = browser.offscreen
      .closeDocument()
      .catch(() => {}) // already closed (e.g. the browser dropped it): nothing to free
      .finally(() => {
        closing = null;
      });
  }, OFFSCREEN_IDLE_MS);
}

export async function predictOffscreen(series: DailySeries): Promise<PredictionView> {
  clearTimeout(idleTimer);
  inFlight++;
  try {
    await ensureOffscreenDocument();
    const reply = (await browser.runtime.sendMessage({ target: TARGET, series } satisfies ModelRequest)) as
      | ModelReply
      | undefined;
    if (!reply) throw new Error('the offscreen document did not answer');
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  } finally {
    inFlight--;
    closeWhenIdle();
  }
}
