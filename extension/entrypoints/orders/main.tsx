import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import { Orders } from '../../ui/Orders.tsx';
import type { Ask } from '../../ui/popup-model.ts';
import '../../ui/pages.css';
import { localizeDocument, t } from '../../ui/i18n.ts';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);

localizeDocument(document, t('page.orders'));

render(
  <div class="page">
    <Orders ask={ask} />
  </div>,
  document.getElementById('app')!,
);
