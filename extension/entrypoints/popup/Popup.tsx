import { ProductCard } from '../../ui/ProductCard.tsx';
import type { PopupModel } from '../../ui/popup-model.ts';
import { RecentList } from '../../ui/RecentList.tsx';

export function Popup({ model }: { model: PopupModel }) {
  const state = model.state.value;
  return (
    <main class="popup" data-state={state}>
      {state === 'loading' && <p class="muted">Loading…</p>}
      {state === 'error' && <p class="error">Could not read the price history: {model.error.value}</p>}
      {state === 'product' && model.view.value && <ProductCard view={model.view.value} />}
      {state === 'recent' && (
        <section>
          <h1 class="section-title">Recently seen</h1>
          <RecentList products={model.recent.value} />
        </section>
      )}
    </main>
  );
}
