import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import type { Ask } from '../../ui/popup-model.ts';
import { SharingSettings } from '../../ui/SharingSettings.tsx';
import '../../ui/pages.css';
import { localizeDocument, t } from '../../ui/i18n.ts';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);

localizeDocument(document, t('page.consent'));

// Opened once, at install: the companion works fully without sharing; this page only asks.
render(
  <main class="page">
    <h1>{t('consent.title')}</h1>
    <SharingSettings ask={ask} firstRun />
    <p class="muted">
      {t('consent.later')} <a href={browser.runtime.getURL('/options.html')}>{t('nav.settings')}</a>
    </p>
  </main>,
  document.getElementById('app')!,
);
