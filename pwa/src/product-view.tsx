import { type Signal, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { CURRENCIES, strictDecimalToMinor } from '../../shared/api-money.ts';
import { formatDecimal } from '../../shared/money.ts';
import { ago, formatMoney, localDecimal, regionName, verdictLabel } from './format.ts';
import { HistoryChart } from './history-chart.tsx';
import { t, tn } from './i18n.ts';
import { lazyComponent } from './lazy.tsx';
import { online } from './online.ts';
import { PushToggle } from './push-toggle.tsx';
import { loadSeries, type SeriesData } from './series-data.ts';
import { currency, region } from './settings.ts';
import { watchlist } from './store.ts';

// Buy now or wait (prediction-view.tsx): its code, and ONNX Runtime behind it, load only on a product view.
const BuyOrWait = lazyComponent(() => import('./prediction-view.tsx').then((m) => m.BuyOrWait));

/** Community series are per ship-to country (prices differ by destination); "Any" reads reports without one. */
const REGION_CHOICES = [
  'US',
  'GB',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'PL',
  'BR',
  'MX',
  'CA',
  'AU',
  'KR',
  'JP',
  'IL',
  'TR',
  'ID',
  'PK',
];

const CURRENCY_CHOICES = [
  'USD',
  'EUR',
  'GBP',
  'MXN',
  'BRL',
  'PLN',
  'CAD',
  'AUD',
  'KRW',
  'JPY',
  'IDR',
  'TRY',
  'ILS',
  'PKR',
];

/** Keyed by the saved target so it shows the stored value once the watchlist loads; `saved` lives in the parent. */
/** The name a share-sheet launch carried (share-view.tsx puts it in the history entry). */
function sharedName(): string | null {
  const state = history.state as { title?: unknown } | null;
  return typeof state?.title === 'string' ? state.title : null;
}

function WatchForm({
  productId,
  data,
  saved,
}: {
  productId: string;
  data: SeriesData | null;
  saved: Signal<boolean>;
}) {
  const watch = watchlist.get(productId);
  const cur = watch?.currency ?? currency.value;
  const initial = localDecimal(
    watch ? formatDecimal(watch.target, watch.currency) : (data?.summary?.summary?.current.price ?? ''),
  );
  const target = useSignal(initial);
  const error = useSignal<string | null>(null);

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const minor = strictDecimalToMinor(target.value.trim().replace(',', '.'), cur);
    if (minor == null || minor <= 0) {
      // In the shopper's notation ("12,34"), as the field shows prices; it reads either mark.
      error.value = t('watch.priceError', { example: localDecimal('12.34'), currency: cur });
      return;
    }
    error.value = null;
    await watchlist.add({
      productId,
      currency: cur,
      region: region.value,
      target: minor,
      title: watch?.title ?? sharedName(),
    });
    saved.value = true;
  }

  return (
    <form class="card" onSubmit={submit}>
      <label for="target">{t('watch.alertAt', { currency: cur })}</label>
      <div class="row">
        <input
          id="target"
          inputMode="decimal"
          autoComplete="off"
          value={target.value}
          aria-invalid={error.value ? true : undefined}
          aria-describedby={error.value ? 'target-error' : undefined}
          onInput={(e) => {
            target.value = e.currentTarget.value;
            saved.value = false;
          }}
        />
        <button type="submit" class="primary">
          {watch ? t('watch.update') : t('watch.watch')}
        </button>
      </div>
      {error.value && (
        <p id="target-error" class="error" role="alert">
          {error.value}
        </p>
      )}
      {saved.value && <p role="status">{t('watch.saved')}</p>}
      {watch && <PushToggle />}
    </form>
  );
}

export function ProductView({ productId }: { productId: string }) {
  const data = useSignal<SeriesData | null>(null);
  const error = useSignal<string | null>(null);
  const loading = useSignal(true);
  const saved = useSignal(false);
  const q = { currency: currency.value, region: region.value };

  useEffect(() => {
    loading.value = true;
    error.value = null;
    loadSeries(productId, q)
      .then((d) => {
        data.value = d;
      })
      .catch(() => {
        data.value = null;
        error.value = online.value ? t('product.serviceDown') : t('product.offlineUnsaved');
      })
      .finally(() => {
        loading.value = false;
      });
  }, [productId, q.currency, q.region]);

  const watch = watchlist.get(productId);
  const title = watch?.title ?? sharedName();
  const summary = data.value?.summary?.summary ?? null;
  const days = data.value?.history?.days ?? [];
  // 'none' = no struck-through price to judge; community data alone carries no claimed discount.
  const verdict = summary && summary.verdict.kind !== 'none' ? verdictLabel(summary.verdict) : null;

  return (
    <article aria-labelledby="product-title">
      <h1 id="product-title">{title ?? t('product.name', { id: productId })}</h1>
      <div class="row wrap">
        <label for="currency" class="sr-only">
          {t('product.currency')}
        </label>
        <select
          id="currency"
          class="button"
          value={currency.value}
          onChange={(e) => {
            if (CURRENCIES.has(e.currentTarget.value)) currency.value = e.currentTarget.value;
          }}
        >
          {[...new Set([currency.value, ...CURRENCY_CHOICES])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <label for="region" class="sr-only">
          {t('product.shipTo')}
        </label>
        <select
          id="region"
          class="button"
          value={region.value ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            region.value = /^[A-Z]{2}$/.test(v) ? v : null;
          }}
        >
          <option value="">{t('product.anyCountry')}</option>
          {[...new Set([...(region.value ? [region.value] : []), ...REGION_CHOICES])].map((r) => (
            <option key={r} value={r}>
              {regionName(r)}
            </option>
          ))}
        </select>
        <a
          class="button"
          href={`https://www.aliexpress.com/item/${productId}.html`}
          target="_blank"
          rel="noopener"
        >
          {t('product.openOnAliExpress')}
        </a>
      </div>
      {loading.value && <p class="muted">{t('product.loadingPrices')}</p>}
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {data.value?.stale && <p class="muted">{t('product.stale', { ago: ago(data.value.fetchedAt) })}</p>}
      {data.value && !summary && !loading.value && (
        <p>{t('product.noCommunity', { currency: q.currency })}</p>
      )}
      {summary && (
        <>
          <p>
            {verdict && <span class={`verdict ${verdict.tone}`}>{verdict.text}</span>}{' '}
            {summary.isAllTimeLow ? (
              <span class="verdict good">{t('product.allTimeLow')}</span>
            ) : (
              summary.lowestInDays && (
                <span class="verdict good">{t('widget.lowestIn', { days: summary.lowestInDays })}</span>
              )
            )}
          </p>
          <dl class="stats" data-testid="stats">
            <div>
              <dt>{t('widget.now')}</dt>
              <dd>{formatMoney(summary.current.price, q.currency)}</dd>
            </div>
            <div>
              <dt>{t('product.typical30')}</dt>
              <dd>{formatMoney(summary.typical, q.currency)}</dd>
            </div>
            <div>
              <dt>{t('product.lowest30')}</dt>
              <dd>{formatMoney(summary.lowest.days30, q.currency)}</dd>
            </div>
            <div>
              <dt>{t('product.lowestEver')}</dt>
              <dd>{formatMoney(summary.lowest.allTime, q.currency)}</dd>
            </div>
          </dl>
          {summary.changeVsTypicalPct != null && (
            <p class="muted">
              {summary.changeVsTypicalPct <= 0
                ? t('product.belowTypical', { pct: Math.abs(Math.round(summary.changeVsTypicalPct)) })
                : t('product.aboveTypical', { pct: Math.round(summary.changeVsTypicalPct) })}{' '}
              · {tn('product.communityDays', summary.observedDays)}
            </p>
          )}
        </>
      )}
      {days.length > 0 && (
        <section aria-label={t('widget.title')}>
          <h2>{t('product.communityHistory')}</h2>
          <HistoryChart
            days={days}
            currency={q.currency}
            target={watch ? Number(formatDecimal(watch.target, watch.currency)) : null}
          />
        </section>
      )}
      {days.length > 0 && <BuyOrWait days={days} currency={q.currency} />}
      {!loading.value && (
        <WatchForm
          key={`${productId}-${watch?.target ?? ''}`}
          productId={productId}
          data={data.value}
          saved={saved}
        />
      )}
    </article>
  );
}
