import { useEffect, useState } from 'preact/hooks';
import { productUrl } from '../../shared/alerts.ts';
import type { WatchBackup, WatchView } from '../messaging.ts';
import { formatDate, formatMoney } from './format.ts';
import type { Ask } from './popup-model.ts';
import { WatchForm } from './WatchForm.tsx';
import { describeWatch } from './watch-text.ts';
import './watch.css';

/** Every watch: edit in place, delete with undo (the backup holds the rule state, so undo loses nothing). */
export function Watchlist({ ask }: { ask: Ask }) {
  const [items, setItems] = useState<WatchView[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [removed, setRemoved] = useState<WatchBackup | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = async () => setItems(await ask('watch:list', { productId: null }));
  const guard = (fn: () => Promise<void>) => () =>
    void fn().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(guard(reload), []);

  if (items === null) return <p class="muted">Loading…</p>;
  return (
    <main class="watchlist" data-testid="watchlist">
      <h1>Watchlist</h1>
      {removed && (
        <p class="undo" role="status" data-testid="watch-undo-bar">
          Removed “{removed.watch.title ?? removed.watch.productId}”.{' '}
          <button
            type="button"
            data-testid="watch-undo"
            onClick={guard(async () => {
              await ask('watch:restore', removed);
              setRemoved(null);
              await reload();
            })}
          >
            Undo
          </button>
        </p>
      )}
      {error && <p class="error">{error}</p>}
      {items.length === 0 && (
        <p class="muted">Nothing watched yet. Open a product and press “Watch this product”.</p>
      )}
      <ul class="watch-rows">
        {items.map(({ watch, lastPrice, lastSeenAt, snoozed }) => (
          <li key={watch.id} class="watch-row" data-testid="watch-row">
            <a href={productUrl(watch.productId, watch.skuId, watch.url)} target="_blank" rel="noreferrer">
              {watch.title ?? `Item ${watch.productId}`}
            </a>
            <div class="muted">
              {describeWatch(watch)}
              {lastPrice != null && ` · now ${formatMoney(lastPrice, watch.currency)}`}
              {lastSeenAt != null && ` (${formatDate(lastSeenAt)})`}
              {snoozed && ' · snoozed'}
            </div>
            {editing === watch.id ? (
              <WatchForm
                initial={watch}
                currency={watch.currency}
                skus={watch.skuId ? [{ skuId: watch.skuId, attributes: `Variant ${watch.skuId}` }] : []}
                submitLabel="Save"
                onCancel={() => setEditing(null)}
                onSubmit={async (value) => {
                  await ask('watch:save', { ...watch, ...value, id: watch.id });
                  setEditing(null);
                  await reload();
                }}
              />
            ) : (
              <div class="actions">
                <button type="button" data-testid="watch-edit" onClick={() => setEditing(watch.id)}>
                  Edit
                </button>
                <button
                  type="button"
                  data-testid="watch-delete"
                  onClick={guard(async () => {
                    setRemoved(await ask('watch:delete', { id: watch.id }));
                    await reload();
                  })}
                >
                  Delete
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
