import { useState } from 'preact/hooks';
import type { SeenProduct } from '../agents/dashboard.ts';
import { t, tn } from './i18n.ts';
import { SeenList } from './SeenList.tsx';

/** Every product ever seen, newest first, filtered by title or item id as you type. */
export function HistorySection({ products }: { products: SeenProduct[] }) {
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? products.filter((p) => p.id.includes(needle) || (p.title ?? '').toLowerCase().includes(needle))
    : products;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      <label class="field">
        <span>{t('history.search')}</span>
        <input
          type="search"
          value={query}
          data-testid="history-search"
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
      </label>
      <p class="muted" role="status">
        {tn('history.count', shown.length)}
      </p>
      <SeenList items={shown} testId="history-list" />
    </section>
  );
}
