import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { request } from '../messaging.ts';
import { type MountedWidget, mountWidget } from '../ui/price-widget.ts';

/**
 * The product-page widget, injected by the background (extension/agents/widget.ts) into the isolated world of a
 * tab once a price read of it is stored. Injected again after later reads (a variant switch, a soft navigation):
 * the world keeps the mounted widget, so a repeat only refreshes the numbers. Runs are chained so two quick
 * injections never mount two panels.
 */
const COLLAPSED_KEY = 'widget-collapsed';
const state = globalThis as { companionWidget?: Promise<MountedWidget | null> };

/**
 * The model runs in the background's offscreen document (never here: the page would pay for onnxruntime); the
 * widget asks with a message the router validates, about its own tab's product only. Not awaited: the numbers
 * are on screen first, the advice joins them when ready.
 */
function askPrediction(widget: MountedWidget): void {
  request((m) => browser.runtime.sendMessage(m), 'widget:prediction', {}).then(
    (view) => widget.showPrediction(view),
    () => {
      // No advice (the model failed to load, the extension reloaded): the panel stays as it is.
    },
  );
}

export default defineUnlistedScript(() => {
  // Main-thread time the widget costs the page (synchronous work only; waiting on the background is idle),
  // left on the host element for `npm run bench`.
  let busy = 0;
  let t0 = performance.now();
  const send = (m: unknown) => browser.runtime.sendMessage(m);
  state.companionWidget = (state.companionWidget ?? Promise.resolve(null)).then(async (widget) => {
    try {
      const pending = request(send, 'widget:data', {});
      busy += performance.now() - t0;
      const data = await pending;
      t0 = performance.now();
      if (!data) return widget;
      if (widget) {
        widget.update(data);
        widget.host.dataset.mainThreadMs = (busy + performance.now() - t0).toFixed(2);
        askPrediction(widget);
        return widget;
      }
      busy += performance.now() - t0;
      const stored = await browser.storage.local.get(COLLAPSED_KEY);
      t0 = performance.now();
      const mounted = mountWidget(document, data, stored[COLLAPSED_KEY] === true, {
        watch: () => request(send, 'widget:watch', {}),
        setCollapsed: (collapsed) => void browser.storage.local.set({ [COLLAPSED_KEY]: collapsed }),
      });
      mounted.host.dataset.mainThreadMs = (busy + performance.now() - t0).toFixed(2);
      askPrediction(mounted);
      return mounted;
    } catch {
      // The extension was reloaded or the background refused: leave the page as it is.
      return widget;
    }
  });
});
