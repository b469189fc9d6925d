import { effect } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import { Dashboard } from '../../ui/Dashboard.tsx';
import { createDashboardModel, sectionOf } from '../../ui/dashboard-model.ts';
import { currentLanguage } from '../../ui/i18n.ts';
import { applyPreferences, createPersonalizationModel } from '../../ui/personalization-model.ts';
import type { Ask } from '../../ui/popup-model.ts';
import '../../ui/pages.css';
import './dashboard.css';

const PERSONALIZATION_KEY = 'personalization';
const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);
const model = createDashboardModel(ask);
const personal = createPersonalizationModel({
  load: async () => (await browser.storage.local.get(PERSONALIZATION_KEY))[PERSONALIZATION_KEY],
  save: async (value) => {
    if (value) await browser.storage.local.set({ [PERSONALIZATION_KEY]: value });
    else await browser.storage.local.remove(PERSONALIZATION_KEY);
  },
});
effect(() => applyPreferences(document.documentElement, personal.prefs.value));

const follow = () => {
  model.show(sectionOf(location.hash));
  // Every section shows fresh data (a watch added in the popup, a product seen in another tab).
  void model.load();
};
addEventListener('hashchange', follow);
document.documentElement.lang = currentLanguage();

// Ask for the data at once, beside the personalization read (one request, not one per step).
model.show(sectionOf(location.hash));
const firstLoad = model.load();
// One visit = one sample for the personalization agent (hour, window width, how long the lists are).
void Promise.all([personal.load(), firstLoad]).then(() => {
  personal.visited(model.products.value?.length ?? 0);
});

render(
  <Dashboard
    model={model}
    personal={personal}
    ask={ask}
    links={{
      options: browser.runtime.getURL('/options.html'),
      consent: browser.runtime.getURL('/options.html#sharing'),
    }}
  />,
  document.getElementById('app')!,
);
