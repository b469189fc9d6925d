import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DailySeries } from '../shared/predict/daily.ts';
import type { PredictionView } from './messaging.ts';

const calls: string[] = [];
let open = false;
const view: PredictionView = {
  prediction: { kind: 'no-price-today', message: 'stub' },
  heldOut: [],
  modelMs: 1,
};

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      getURL: (path: string) => `chrome-extension://id${path}`,
      getContexts: async () => (open ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : []),
      sendMessage: async (message: { target: string }) => {
        calls.push(`ask ${message.target}`);
        return open ? { ok: true, data: view } : undefined;
      },
    },
    offscreen: {
      createDocument: async ({ reasons }: { reasons: string[] }) => {
        calls.push(`create ${reasons.join()}`);
        await Promise.resolve();
        open = true;
      },
      closeDocument: async () => {
        calls.push('close');
        open = false;
      },
    },
  },
}));

const { isModelRequest, OFFSCREEN_IDLE_MS, predictOffscreen } = await import('./offscreen-model.ts');
const series: DailySeries = { startDay: 20_000, prices: [100, null, 90] };

describe('the offscreen document that runs the price model (Chrome)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    calls.length = 0;
    open = false;
  });
  afterEach(async () => {
    await vi.runAllTimersAsync();
    vi.useRealTimers();
  });

  it('is created once for questions asked together, and answers each', async () => {
    const answers = await Promise.all([predictOffscreen(series), predictOffscreen(series)]);
    expect(answers).toEqual([view, view]);
    expect(calls.filter((c) => c.startsWith('create'))).toEqual(['create WORKERS']);
    expect(calls.filter((c) => c.startsWith('ask'))).toHaveLength(2);
  });

  it('is closed once questions stop, and created again for the next one', async () => {
    await predictOffscreen(series);
    await vi.advanceTimersByTimeAsync(OFFSCREEN_IDLE_MS - 1);
    await predictOffscreen(series); // a question before the delay ends keeps the document
    await vi.advanceTimersByTimeAsync(OFFSCREEN_IDLE_MS - 1);
    expect(calls).not.toContain('close');
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.at(-1)).toBe('close');
    expect(open).toBe(false);
    await predictOffscreen(series);
    expect(calls.filter((c) => c.startsWith('create'))).toHaveLength(2);
  });

  it('answers only well-formed model requests', () => {
    expect(isModelRequest({ target: 'offscreen:price-model', series })).toBe(true);
    expect(isModelRequest({ type: 'price:prediction', payload: { productId: '1' } })).toBe(false);
    expect(isModelRequest({ target: 'offscreen:price-model', series: { startDay: 1, prices: [-5] } })).toBe(
      false,
    );
    expect(isModelRequest({ target: 'offscreen:price-model', series: { startDay: 1.5, prices: [] } })).toBe(
      false,
    );
    expect(isModelRequest(null)).toBe(false);
  });
});
