import { useEffect, useState } from 'preact/hooks';
import type { DealsView as Deals } from '../agents/community.ts';
import { formatMoney } from './format.ts';
import { t, tn } from './i18n.ts';
import { verdictLines } from './PriceVerdict.tsx';
import type { Ask } from './popup-model.ts';

/** Community deals in the shopper's currency and region, and their own watched products that dropped. */
export function DealsView({ ask }: { ask: Ask }) {
  const [deals, setDeals] = useState<Deals | null | undefined>(undefined);
  useEffect(() => {
    void ask('community:deals', {})
      .then(setDeals)
      .catch(() => setDeals(null));
  }, []);
  if (deals === undefined) return <p class="muted">{t('common.loading')}</p>;
  return (
    <section class="deals" data-testid="deals">
      <h1 class="section-title">{t('deals.watchedTitle')}</h1>
      {deals?.watched.length ? (
        <ul class="deal-list">
          {deals.watched.map((w) => (
            <li key={w.watchId} class="deal" data-testid="watched-drop">
              <a
                href={w.url ?? `https://www.aliexpress.com/item/${w.productId}.html`}
                target="_blank"
                rel="noreferrer"
              >
                {w.title ?? t('product.untitled', { id: w.productId })}
              </a>{' '}
              <strong>{formatMoney(w.price, w.currency)}</strong>
              <ul class="verdict">
                {verdictLines(w.summary, w.currency).map((line) => (
                  <li key={line.text} class={`verdict-${line.tone}`}>
                    {line.text}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('deals.watchedEmpty')}</p>
      )}
      <h1 class="section-title">
        {t('deals.communityTitle')}
        {deals?.currency ? ` (${deals.currency}${deals.region ? `, ${deals.region}` : ''})` : ''}
      </h1>
      <CommunityDeals deals={deals} />
    </section>
  );
}

function CommunityDeals({ deals }: { deals: Deals | null }) {
  if (!deals || deals.status === 'unavailable') {
    return (
      <p class="muted" data-testid="deals-status" data-status="unavailable">
        {t('deals.unavailable')}
      </p>
    );
  }
  if (deals.status === 'off') {
    return (
      <p class="muted" data-testid="deals-status" data-status="off">
        {t('deals.off')}
      </p>
    );
  }
  if (deals.status === 'no-reads') {
    return (
      <p class="muted" data-testid="deals-status" data-status="no-reads">
        {t('deals.noReads')}
      </p>
    );
  }
  if (!deals.community.length) {
    return (
      <p class="muted" data-testid="deals-status" data-status="ok">
        {t('deals.none')}
      </p>
    );
  }
  const currency = deals.currency!;
  return (
    <ul class="deal-list" data-testid="deals-status" data-status="ok">
      {deals.community.map((d) => (
        <li key={`${d.productId}-${d.sku}`} class="deal" data-testid="community-deal">
          <a href={d.url} target="_blank" rel="noreferrer">
            {d.title ?? t('product.untitled', { id: d.productId })}
          </a>{' '}
          <strong>{formatMoney(d.price, currency)}</strong>
          <ul class="verdict">
            <li class="verdict-good">
              {tn('deals.line', d.contributors, {
                pct: Math.round(d.dropPct),
                price: formatMoney(d.typical, currency),
              })}
            </li>
          </ul>
        </li>
      ))}
    </ul>
  );
}
