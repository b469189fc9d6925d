import { HomeView } from './home-view.tsx';
import { t } from './i18n.ts';
import { lazyComponent } from './lazy.tsx';
import { online } from './online.ts';
import { route } from './router.ts';
import { ShareView } from './share-view.tsx';
import { UpdateBanner } from './update-banner.tsx';

/** The product view (and uPlot with it) loads on first use so the first route stays small. */
const LazyProductView = lazyComponent(
  () => import('./product-view.tsx').then((m) => m.ProductView),
  () => <p class="muted">{t('common.loading')}</p>,
);

const LazyPairView = lazyComponent(() => import('./pair-view.tsx').then((m) => m.PairView));

export function App() {
  const current = route.value;
  return (
    <>
      <header class="bar">
        <a href="/" aria-label={t('app.homeLabel')}>
          {t('app.brand')}
        </a>
        <span class="spacer" />
      </header>
      {!online.value && (
        <div class="offline" role="status">
          {t('app.offline')}
        </div>
      )}
      <main>
        {current.name === 'home' && <HomeView />}
        {current.name === 'pair' && <LazyPairView code={current.code} />}
        {current.name === 'share' && <ShareView params={current.params} />}
        {current.name === 'product' && (
          <LazyProductView key={current.productId} productId={current.productId} />
        )}
        {current.name === 'not-found' && (
          <>
            <h1>{t('notFound.title')}</h1>
            <p>
              <a href="/">{t('notFound.home')}</a>
            </p>
          </>
        )}
      </main>
      <UpdateBanner />
    </>
  );
}
