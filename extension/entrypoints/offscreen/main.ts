import { browser } from 'wxt/browser';
import { isModelRequest, type ModelReply } from '../../offscreen-model.ts';
import { predictPrice } from '../../price-model.ts';

// Only the background (no tab, an extension URL) asks; content scripts and pages' messages are not ours.
browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!isModelRequest(message) || sender.id !== browser.runtime.id || sender.tab) return undefined;
  predictPrice(message.series).then(
    (data) => sendResponse({ ok: true, data } satisfies ModelReply),
    (error: unknown) =>
      sendResponse({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ModelReply),
  );
  return true;
});
