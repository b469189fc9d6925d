import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import { Dashboard } from '../../ui/Dashboard.tsx';
import { createDashboardModel, sectionOf } from '../../ui/dashboard-model.ts';
import { currentLanguage } from '../../ui/i18n.ts';
import type { Ask } from '../../ui/popup-model.ts';
import '../../ui/pages.css';
import './dashboard.css';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);
const model = createDashboardModel(ask);
const follow = () => {
  model.show(sectionOf(location.hash));
  // Every section shows fresh data (a watch added in the popup, a product seen in another tab).
  void model.load();
};
addEventListener('hashchange', follow);
follow();
document.documentElement.lang = currentLanguage();

render(
  <Dashboard
    model={model}
    ask={ask}
    links={{
      options: browser.runtime.getURL('/options.html'),
      consent: browser.runtime.getURL('/consent.html'),
    }}
  />,
  document.getElementById('app')!,
);
