import type { PricePoint, ProductView } from '../messaging.ts';
import { formatDate, formatMoney } from './format.ts';
import { t, tn } from './i18n.ts';
import { LazyPriceChart } from './LazyPriceChart.tsx';
import { Price } from './Price.tsx';

/** A product as the companion knows it. Page-derived text (title, attributes) is rendered as text only. */
export function ProductCard({
  view,
  community = null,
}: {
  view: ProductView;
  community?: PricePoint[] | null;
}) {
  const { product, current, lowest, highest, history } = view;
  const currency = product.currency;
  const bought = view.purchases?.at(-1);
  return (
    <article class="product" data-testid="product">
      <header class="product-header">
        {product.image && (
          <img class="product-image" src={safeImage(product.image)} alt="" width={72} height={72} />
        )}
        <h1 class="product-title" data-testid="product-title" dir="auto">
          {product.title ?? t('product.untitled', { id: product.id })}
        </h1>
      </header>
      <div class="prices">
        <Price id="now" label={t('price.now')} minor={current?.price ?? null} currency={currency} />
        <Price id="lowest" label={t('price.lowest')} minor={lowest?.price ?? null} currency={currency} />
        <Price id="highest" label={t('price.highest')} minor={highest?.price ?? null} currency={currency} />
      </div>
      {currency && history.length > 0 && (
        <LazyPriceChart
          points={history}
          community={community}
          purchases={view.purchases}
          currency={currency}
        />
      )}
      {bought &&
        current &&
        currency &&
        current.observedAt > bought.observedAt &&
        current.price < bought.price && (
          <p class="price-dropped" style={{ color: '#0a7a2f' }} data-testid="price-dropped-since-bought">
            {t('product.droppedSinceBought', {
              paid: formatMoney(bought.price, currency),
              now: formatMoney(current.price, currency),
            })}
          </p>
        )}
      <p class="muted">
        {tn('widget.reads', history.length)}
        {current ? ` · ${t('product.lastRead', { date: formatDate(current.observedAt) })}` : ''}
      </p>
    </article>
  );
}

/** Only http(s) images from the page: a `javascript:` or `data:` URL from a hostile page stays out. */
export function safeImage(url: string): string | undefined {
  try {
    const parsed = new URL(url, 'https://www.aliexpress.com/');
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
