import { PasteBox } from './paste-box.tsx';
import { WatchlistView } from './watchlist-view.tsx';

export function HomeView() {
  return (
    <>
      <h1>Is it a good price?</h1>
      <p class="muted">Share a product from the AliExpress app to Companion, or paste its link.</p>
      <PasteBox />
      <WatchlistView />
    </>
  );
}
