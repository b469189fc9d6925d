import { useEffect, useState } from 'preact/hooks';
import type { Watch } from '../../shared/alerts.ts';
import type { ProductView, WatchView } from '../messaging.ts';
import { t } from './i18n.ts';
import type { Ask } from './popup-model.ts';
import { EMPTY_WATCH, WatchForm, type WatchFormValue } from './WatchForm.tsx';
import { describeWatch } from './watch-text.ts';

/** The popup's Watch control: the product's watches, and a form to add one (this variant or any). */
export function WatchControl({ view, ask }: { view: ProductView; ask: Ask }) {
  const { product, skus } = view;
  const currency = product.currency;
  const [watches, setWatches] = useState<WatchView[]>([]);
  const [editing, setEditing] = useState<Watch | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = async () => setWatches(await ask('watch:list', { productId: product.id }));
  useEffect(() => {
    void reload().catch((e: unknown) => setError(String(e)));
  }, [product.id]);

  if (!currency) return null;

  const save = async (value: WatchFormValue) => {
    try {
      const existing = editing !== 'new' ? editing : null;
      await ask('watch:save', {
        id: existing?.id ?? null,
        productId: product.id,
        skuId: value.skuId,
        currency: existing?.currency ?? currency,
        region: existing?.region ?? null,
        title: product.title,
        url: product.url,
        conditions: value.conditions,
        landed: value.landed,
      });
      setEditing(null);
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section class="watch" data-testid="watch-control">
      <h2 class="section-title">{t('watch.title')}</h2>
      {watches.length > 0 && (
        <ul class="watch-list">
          {watches.map(({ watch }) => (
            <li key={watch.id} data-testid="watch-item">
              <span>{describeWatch(watch, skus)}</span>
              <button type="button" class="link" onClick={() => setEditing(watch)}>
                {t('watchlist.edit')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {editing === null ? (
        <button type="button" data-testid="watch-open" onClick={() => setEditing('new')}>
          {watches.length ? t('watch.addAnother') : t('watch.open')}
        </button>
      ) : (
        <WatchForm
          initial={editing === 'new' ? EMPTY_WATCH : editing}
          currency={editing === 'new' ? currency : editing.currency}
          skus={skus}
          submitLabel={editing === 'new' ? t('watch.submit') : t('common.save')}
          onSubmit={save}
          onCancel={() => setEditing(null)}
        />
      )}
      {error && <p class="error">{error}</p>}
    </section>
  );
}
