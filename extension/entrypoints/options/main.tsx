import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import { NotificationSettingsForm } from '../../ui/NotificationSettingsForm.tsx';
import { PairPhone } from '../../ui/PairPhone.tsx';
import type { Ask } from '../../ui/popup-model.ts';
import { SharingSettings } from '../../ui/SharingSettings.tsx';
import '../../ui/pages.css';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);

// One section per feature; others add theirs below (sync opt-in, …).
render(
  <main class="page">
    <h1>Settings</h1>
    <section>
      <h2>Notifications</h2>
      <NotificationSettingsForm ask={ask} />
    </section>
    <section id="sharing">
      <h2>Community prices</h2>
      <SharingSettings ask={ask} />
    </section>
    <section id="pairing">
      <h2>Pair with your phone</h2>
      <PairPhone ask={ask} />
    </section>
    <p>
      <a href={browser.runtime.getURL('/watchlist.html')}>Your watchlist</a> ·{' '}
      <a href={browser.runtime.getURL('/dashboard.html')}>Dashboard</a>
    </p>
  </main>,
  document.getElementById('app')!,
);
