import { useEffect, useState } from 'preact/hooks';
import { productUrl } from '../../shared/alerts.ts';
import type { WatchBackup, WatchView } from '../messaging.ts';
import { formatDate, formatMoney } from './format.ts';
import { currentLocale, t, tn } from './i18n.ts';
import type { Ask } from './popup-model.ts';
import { WatchForm } from './WatchForm.tsx';
import { describeWatch } from './watch-text.ts';
import './watch.css';

type SortKey = 'recent' | 'title' | 'price';

/**
 * Every watch: filter, sort, edit in place, delete one or many with undo (the backups hold the rule state, so
 * undo loses nothing).
 */
export function Watchlist({ ask }: { ask: Ask }) {
  const [items, setItems] = useState<WatchView[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [removed, setRemoved] = useState<WatchBackup[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('recent');
  const [error, setError] = useState<string | null>(null);

  const reload = async () => setItems(await ask('watch:list', { productId: null }));
  const guard = (fn: () => Promise<void>) => () =>
    void fn().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(guard(reload), []);

  const remove = async (ids: string[]) => {
    const backups: WatchBackup[] = [];
    for (const id of ids) {
      const backup = await ask('watch:delete', { id });
      if (backup) backups.push(backup);
    }
    setRemoved(backups);
    setSelected(new Set());
    await reload();
  };

  if (items === null) return <p class="muted">{t('common.loading')}</p>;
  const locale = currentLocale();
  const shown = sortWatches(filterWatches(items, query), sort, locale);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const allShownSelected = shown.length > 0 && shown.every((v) => selected.has(v.watch.id));
  return (
    <section class="watchlist" data-testid="watchlist">
      <h1>{t('nav.watchlist')}</h1>
      {removed.length > 0 && (
        <p class="undo" role="status" data-testid="watch-undo-bar">
          {removed.length === 1
            ? t('watchlist.removedOne', { title: removed[0]!.watch.title ?? removed[0]!.watch.productId })
            : tn('watchlist.removedMany', removed.length)}{' '}
          <button
            type="button"
            data-testid="watch-undo"
            onClick={guard(async () => {
              for (const backup of removed) await ask('watch:restore', backup);
              setRemoved([]);
              await reload();
            })}
          >
            {t('watchlist.undo')}
          </button>
        </p>
      )}
      {error && <p class="error">{error}</p>}
      {items.length === 0 ? (
        <p class="muted">{t('watchlist.empty')}</p>
      ) : (
        <div class="filters">
          <label class="field">
            <span>{t('watchlist.filter')}</span>
            <input
              type="search"
              value={query}
              data-testid="watch-filter"
              onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
            />
          </label>
          <label class="field">
            <span>{t('watchlist.sort')}</span>
            <select
              value={sort}
              data-testid="watch-sort"
              onChange={(e) => setSort((e.target as HTMLSelectElement).value as SortKey)}
            >
              <option value="recent">{t('watchlist.sortRecent')}</option>
              <option value="title">{t('watchlist.sortTitle')}</option>
              <option value="price">{t('watchlist.sortPrice')}</option>
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={allShownSelected}
              data-testid="watch-select-all"
              onChange={(e) =>
                setSelected(
                  (e.target as HTMLInputElement).checked ? new Set(shown.map((v) => v.watch.id)) : new Set(),
                )
              }
            />
            {t('watchlist.selectAll')}
          </label>
          <button
            type="button"
            data-testid="watch-delete-selected"
            disabled={selected.size === 0}
            onClick={guard(() => remove([...selected]))}
          >
            {tn('watchlist.deleteSelected', selected.size)}
          </button>
        </div>
      )}
      <ul class="watch-rows">
        {shown.map(({ watch, lastPrice, lastSeenAt, snoozed }) => (
          <li key={watch.id} class="watch-row" data-testid="watch-row">
            <input
              type="checkbox"
              class="watch-select"
              checked={selected.has(watch.id)}
              aria-label={t('watchlist.select', { title: watch.title ?? watch.productId })}
              data-testid="watch-select"
              onChange={(e) => toggle(watch.id, (e.target as HTMLInputElement).checked)}
            />{' '}
            <a
              href={productUrl(watch.productId, watch.skuId, watch.url)}
              target="_blank"
              rel="noreferrer"
              dir="auto"
            >
              {watch.title ?? t('product.untitled', { id: watch.productId })}
            </a>
            <div class="muted">
              {describeWatch(watch)}
              {lastPrice != null &&
                ` · ${t('watchlist.now', { price: formatMoney(lastPrice, watch.currency, locale) })}`}
              {lastSeenAt != null && ` (${formatDate(lastSeenAt, locale)})`}
              {snoozed && ` · ${t('watchlist.snoozed')}`}
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
                  {t('watchlist.edit')}
                </button>
                <button type="button" data-testid="watch-delete" onClick={guard(() => remove([watch.id]))}>
                  {t('watchlist.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function filterWatches(items: readonly WatchView[], query: string): WatchView[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...items];
  return items.filter(
    ({ watch }) => watch.productId.includes(needle) || (watch.title ?? '').toLowerCase().includes(needle),
  );
}

/** Recent: newest watch first; title: alphabetical in the shopper's language; price: cheapest known first. */
export function sortWatches(items: readonly WatchView[], key: SortKey, locale: string): WatchView[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const byKey: Record<SortKey, (a: WatchView, b: WatchView) => number> = {
    recent: (a, b) => b.watch.createdAt - a.watch.createdAt,
    title: (a, b) => collator.compare(a.watch.title ?? a.watch.productId, b.watch.title ?? b.watch.productId),
    price: (a, b) => (a.lastPrice ?? Number.POSITIVE_INFINITY) - (b.lastPrice ?? Number.POSITIVE_INFINITY),
  };
  return [...items].sort(byKey[key]);
}
