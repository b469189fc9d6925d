import { useEffect, useState } from 'preact/hooks';
import type { DealsView as Deals } from '../agents/community.ts';
import { formatMoney } from './format.ts';
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
  if (deals === undefined) return <p class="muted">Loading…</p>;
  return (
    <section class="deals" data-testid="deals">
      <h1 class="section-title">Your watched products that dropped</h1>
      {deals?.watched.length ? (
        <ul class="deal-list">
          {deals.watched.map((w) => (
            <li key={w.watchId} class="deal" data-testid="watched-drop">
              <a
                href={w.url ?? `https://www.aliexpress.com/item/${w.productId}.html`}
                target="_blank"
                rel="noreferrer"
              >
                {w.title ?? `Item ${w.productId}`}
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
        <p class="muted">None of your watched products is below its typical price right now.</p>
      )}
      <h1 class="section-title">
        Community deals
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
        Community data unavailable.
      </p>
    );
  }
  if (deals.status === 'off') {
    return (
      <p class="muted" data-testid="deals-status" data-status="off">
        Community deals need anonymous sharing (Settings).
      </p>
    );
  }
  if (deals.status === 'no-reads') {
    return (
      <p class="muted" data-testid="deals-status" data-status="no-reads">
        Open a product first: deals are shown in the currency and region you shop in.
      </p>
    );
  }
  if (!deals.community.length) {
    return (
      <p class="muted" data-testid="deals-status" data-status="ok">
        No confirmed drops today.
      </p>
    );
  }
  const currency = deals.currency!;
  return (
    <ul class="deal-list" data-testid="deals-status" data-status="ok">
      {deals.community.map((d) => (
        <li key={`${d.productId}-${d.sku}`} class="deal" data-testid="community-deal">
          <a href={d.url} target="_blank" rel="noreferrer">
            {d.title ?? `Item ${d.productId}`}
          </a>{' '}
          <strong>{formatMoney(d.price, currency)}</strong>
          <ul class="verdict">
            <li class="verdict-good">
              {Math.round(d.dropPct)}% below its typical {formatMoney(d.typical, currency)} · seen by{' '}
              {d.contributors} shoppers
            </li>
          </ul>
        </li>
      ))}
    </ul>
  );
}
