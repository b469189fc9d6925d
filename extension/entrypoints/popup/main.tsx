import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import { PopupTabs } from '../../ui/PopupTabs.tsx';
import { type Ask, createPopupModel } from '../../ui/popup-model.ts';
import { Popup } from './Popup.tsx';
import './popup.css';
import { localizeDocument, t } from '../../ui/i18n.ts';

localizeDocument(document, t('app.name'));

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);
const model = createPopupModel(ask);
render(
  <PopupTabs ask={ask}>
    <Popup model={model} ask={ask} dashboardUrl={browser.runtime.getURL('/dashboard.html')} />
  </PopupTabs>,
  document.getElementById('app')!,
);
void currentTab().then((query) => model.load(query));

/** `?tabId=&url=` when opened in a tab (tests, the dashboard's links); else the active tab of this window. */
async function currentTab(): Promise<{ tabId: number | null; url: string | null }> {
  const params = new URLSearchParams(location.search);
  const tabId = params.get('tabId');
  if (tabId !== null || params.has('url')) {
    return { tabId: tabId && /^\d+$/.test(tabId) ? Number(tabId) : null, url: params.get('url') };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { tabId: tab?.id ?? null, url: tab?.url ?? null };
}
