import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import type { Ask } from '../../ui/popup-model.ts';
import { Watchlist } from '../../ui/Watchlist.tsx';
import '../../ui/pages.css';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);

render(
  <main class="page">
    <Watchlist ask={ask} />
    <p>
      <a href={browser.runtime.getURL('/options.html')}>Notification settings</a> ·{' '}
      <a href={browser.runtime.getURL('/orders.html')}>Orders and deliveries</a>
    </p>
  </main>,
  document.getElementById('app')!,
);
