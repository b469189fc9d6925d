import { render } from 'preact';
import { App } from './app.tsx';
import { browserLanguages, switchLanguage } from './i18n.ts';
import { onLinkClick } from './router.ts';
import { PAIRED_KEY, PUSH_ON_KEY } from './start-flags.ts';
import { registerServiceWorker } from './sw-bridge.ts';
import './styles.css';

// The dictionary first (English is in this chunk; another language is one small chunk, precached by the
// service worker), so the first paint is already in the shopper's language. Should that chunk fail to load,
// the app still starts, in English.
void switchLanguage(browserLanguages(), document)
  .catch(() => undefined)
  .then(() => render(<App />, document.getElementById('app')!));
document.addEventListener('click', onLinkClick);
registerServiceWorker();
// Only a device that turned alerts on needs push state at start (to keep the worker's targets in step); the
// product view loads it for everyone else. Keeps zod out of the first route.
if (localStorage.getItem(PUSH_ON_KEY) === '1') void import('./push-client.ts').then((m) => m.initPush());
if (localStorage.getItem(PAIRED_KEY) === '1') {
  void Promise.all([import('./pair-sync.ts'), import('./store.ts')]).then(([m, s]) => m.initPairing(s.db));
}
