import { t } from './i18n.ts';
import { lazyComponent } from './lazy.tsx';
import { PasteBox } from './paste-box.tsx';

// The watchlist brings Dexie; the heading and paste box paint without it.
const WatchlistView = lazyComponent(() => import('./watchlist-view.tsx').then((m) => m.WatchlistView));

export function HomeView() {
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p class="muted">{t('home.intro')}</p>
      <PasteBox />
      <WatchlistView />
      <p>
        <a class="button" href="/pair">
          {t('home.pair')}
        </a>
      </p>
    </>
  );
}
