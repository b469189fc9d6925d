import { browser } from 'wxt/browser';
import { type ProductQuery, request } from '../../messaging.ts';
import type { Ask } from '../../ui/popup-model.ts';

/**
 * The popup's entry stays tiny: it asks the background for the tab's product first and loads the UI (Preact,
 * the catalogue, the components) while that answer travels, so the product appears one round trip sooner.
 */
const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);
const query = currentTab();
const firstView = query.then((q) => (q.tabId !== null || q.url ? ask('product:view', q) : null));
// Handled where the model awaits it; this only keeps an early failure from being reported as unhandled.
firstView.catch(() => undefined);
void import('./mount.tsx').then(({ mountPopup }) => mountPopup(ask, query, firstView));

/** `?tabId=&url=` when opened in a tab (tests, the dashboard's links); else the active tab of this window. */
async function currentTab(): Promise<ProductQuery> {
  const params = new URLSearchParams(location.search);
  const tabId = params.get('tabId');
  if (tabId !== null || params.has('url')) {
    return { tabId: tabId && /^\d+$/.test(tabId) ? Number(tabId) : null, url: params.get('url') };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { tabId: tab?.id ?? null, url: tab?.url ?? null };
}
