import { render } from 'preact';
import { browser } from 'wxt/browser';
import { request } from '../../messaging.ts';
import type { Ask } from '../../ui/popup-model.ts';
import { SharingSettings } from '../../ui/SharingSettings.tsx';
import '../../ui/pages.css';

const ask: Ask = (type, payload) => request((m) => browser.runtime.sendMessage(m), type, payload);

// Opened once, at install: the companion works fully without sharing; this page only asks.
render(
  <main class="page">
    <h1>Share prices anonymously?</h1>
    <SharingSettings ask={ask} firstRun />
    <p class="muted">
      You can change your mind at any time in <a href={browser.runtime.getURL('/options.html')}>Settings</a>.
    </p>
  </main>,
  document.getElementById('app')!,
);
