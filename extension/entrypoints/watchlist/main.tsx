import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import type { Ask } from '../../ui/popup-model.ts';
import { Watchlist } from '../../ui/Watchlist.tsx';
import '../../ui/pages.css';
import { localizeDocument, t } from '../../ui/i18n.ts';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);

localizeDocument(document, t('page.watchlist'));

render(
  <main class="page">
    <Watchlist ask={ask} />
    <p>
      <a href={browser.runtime.getURL('/options.html')}>{t('watchlistPage.settings')}</a> ·{' '}
      <a href={browser.runtime.getURL('/orders.html')}>{t('watchlistPage.orders')}</a>
    </p>
  </main>,
  document.getElementById('app')!,
);
