import { productUrl } from '../../shared/alerts.ts';
import { priceDropPct } from '../../shared/interest.ts';
import type { SeenProduct } from '../agents/dashboard.ts';
import { formatDate, formatMoney } from './format.ts';
import { currentLocale, t, tn } from './i18n.ts';
import { safeImage } from './ProductCard.tsx';

/** Products seen, as a list of links; page-derived titles are rendered as text only. */
export function SeenList({
  items,
  testId,
  onOpen,
}: {
  items: SeenProduct[];
  testId: string;
  onOpen?: () => void;
}) {
  const locale = currentLocale();
  return (
    <ul class="seen" data-testid={testId}>
      {items.map((p) => {
        const drop = priceDropPct(p);
        return (
          <li key={p.id} class="seen-item" data-testid="seen-item">
            {p.image ? (
              <img src={safeImage(p.image)} alt="" width={48} height={48} loading="lazy" />
            ) : (
              <span class="seen-noimage" />
            )}
            <div class="seen-body">
              <a
                class="seen-title"
                dir="auto"
                href={productUrl(p.id, null, p.url)}
                target="_blank"
                rel="noreferrer"
                data-testid="seen-title"
                onClick={onOpen}
              >
                {p.title ?? t('product.untitled', { id: p.id })}
              </a>
              <div class="muted">
                {p.lastPrice !== null && p.currency && formatMoney(p.lastPrice, p.currency, locale)}
                {drop !== null && drop > 0 && p.firstPrice !== null && p.currency && (
                  <span class="drop">
                    {' '}
                    {t('product.was', {
                      price: formatMoney(p.firstPrice, p.currency, locale),
                      pct: Math.round(drop),
                    })}
                  </span>
                )}
                {' · '}
                {tn('product.views', p.views)}
                {' · '}
                {t('product.lastSeen', { date: formatDate(p.lastSeenAt, locale) })}
                {p.watched && ` · ${t('product.watched')}`}
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
