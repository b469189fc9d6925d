import { browser } from 'wxt/browser';

/**
 * Which product each tab last showed, so the popup can open on "this page's product" without re-parsing the
 * URL. Session storage: survives service-worker restarts, forgotten when the browser closes.
 */
const keyOf = (tabId: number) => `tab-product:${tabId}`;

export async function rememberTabProduct(tabId: number, productId: string): Promise<void> {
  await browser.storage.session.set({ [keyOf(tabId)]: productId });
}

export async function tabProduct(tabId: number): Promise<string | null> {
  const key = keyOf(tabId);
  const stored = await browser.storage.session.get(key);
  const value = stored[key];
  return typeof value === 'string' ? value : null;
}
