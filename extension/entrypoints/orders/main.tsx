import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import { Orders } from '../../ui/Orders.tsx';
import type { Ask } from '../../ui/popup-model.ts';
import '../../ui/pages.css';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);

render(
  <div class="page">
    <Orders ask={ask} />
  </div>,
  document.getElementById('app')!,
);
