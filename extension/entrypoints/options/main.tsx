import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import { NotificationSettingsForm } from '../../ui/NotificationSettingsForm.tsx';
import { PairPhone } from '../../ui/PairPhone.tsx';
import type { Ask } from '../../ui/popup-model.ts';
import { SharingSettings } from '../../ui/SharingSettings.tsx';
import '../../ui/pages.css';
import { localizeDocument, t } from '../../ui/i18n.ts';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);

localizeDocument(document, t('page.settings'));

// One section per feature; others add theirs below (sync opt-in, …).
render(
  <main class="page">
    <h1>{t('nav.settings')}</h1>
    <section>
      <h2>{t('settings.notifications')}</h2>
      <NotificationSettingsForm ask={ask} />
    </section>
    <section id="sharing">
      <h2>{t('options.community')}</h2>
      <SharingSettings ask={ask} />
    </section>
    <section id="pairing">
      <h2>{t('pair.start')}</h2>
      <PairPhone ask={ask} />
    </section>
    <p>
      <a href={browser.runtime.getURL('/watchlist.html')}>{t('options.watchlist')}</a> ·{' '}
      <a href={browser.runtime.getURL('/dashboard.html')}>{t('options.dashboard')}</a>
    </p>
  </main>,
  document.getElementById('app')!,
);
