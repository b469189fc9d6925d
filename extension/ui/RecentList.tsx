import type { ProductSummary } from '../messaging.ts';
import { formatMoney } from './format.ts';
import { t } from './i18n.ts';
import { safeImage } from './ProductCard.tsx';

export function RecentList({ products }: { products: ProductSummary[] }) {
  if (products.length === 0) {
    return <p class="muted">{t('popup.recentEmpty')}</p>;
  }
  return (
    <ul class="recent" data-testid="recent">
      {products.map((p) => (
        <li key={p.id} class="recent-item">
          {p.image && <img src={safeImage(p.image)} alt="" width={40} height={40} />}
          <span class="recent-title" dir="auto">
            {p.title ?? t('product.untitled', { id: p.id })}
          </span>
          <span class="recent-price">
            {p.lastPrice !== null && p.currency ? formatMoney(p.lastPrice, p.currency) : '—'}
          </span>
        </li>
      ))}
    </ul>
  );
}
