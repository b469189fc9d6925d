import { HomeView } from './home-view.tsx';
import { lazyComponent } from './lazy.tsx';
import { online } from './online.ts';
import { route } from './router.ts';
import { ShareView } from './share-view.tsx';
import { UpdateBanner } from './update-banner.tsx';

/** The product view (and uPlot with it) loads on first use so the first route stays small. */
const LazyProductView = lazyComponent(
  () => import('./product-view.tsx').then((m) => m.ProductView),
  () => <p class="muted">Loading…</p>,
);

const LazyPairView = lazyComponent(() => import('./pair-view.tsx').then((m) => m.PairView));

export function App() {
  const current = route.value;
  return (
    <>
      <header class="bar">
        <a href="/" aria-label="AliExpress Companion, home">
          Companion
        </a>
        <span class="spacer" />
      </header>
      {!online.value && (
        <div class="offline" role="status">
          Offline — showing saved data
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
            <h1>Not found</h1>
            <p>
              <a href="/">Go to the start page</a>
            </p>
          </>
        )}
      </main>
      <UpdateBanner />
    </>
  );
}
