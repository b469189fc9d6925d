import { lazyComponent } from './lazy.tsx';
import { PasteBox } from './paste-box.tsx';

// The watchlist brings Dexie; the heading and paste box paint without it.
const WatchlistView = lazyComponent(() => import('./watchlist-view.tsx').then((m) => m.WatchlistView));

export function HomeView() {
  return (
    <>
      <h1>Is it a good price?</h1>
      <p class="muted">Share a product from the AliExpress app to Companion, or paste its link.</p>
      <PasteBox />
      <WatchlistView />
      <p>
        <a class="button" href="/pair">
          Pair with the browser extension
        </a>
      </p>
    </>
  );
}
