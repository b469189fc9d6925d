import { render } from 'preact';
import { App } from './app.tsx';
import { onLinkClick } from './router.ts';
import { registerServiceWorker } from './sw-bridge.ts';
import './styles.css';

render(<App />, document.getElementById('app')!);
document.addEventListener('click', onLinkClick);
registerServiceWorker();
// Push state is only needed once a product page shows the toggle; keep it out of the first route.
void import('./push-client.ts').then((m) => m.initPush());
