import { browser } from 'wxt/browser';
import type { CommunityView } from '../agents/community.ts';
import { formatMoney } from './format.ts';

const DAYS_LISTED = 5;

/** Under the chart: what the community saw, or why there is nothing from it. */
export function CommunityNote({ view }: { view: CommunityView | null | undefined }) {
  if (view === undefined) return null;
  if (view === null || view.status === 'unavailable') {
    return (
      <p class="muted community-note" data-testid="community" data-status="unavailable">
        Community data unavailable — showing your own price history.
      </p>
    );
  }
  if (view.status === 'off') {
    return (
      <p class="muted community-note" data-testid="community" data-status="off">
        See what other shoppers paid:{' '}
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          share prices anonymously
        </a>
        .
      </p>
    );
  }
  const recent = view.days.slice(-DAYS_LISTED).reverse();
  const money = (n: number) => formatMoney(n, view.currency);
  return (
    <section class="community-note" data-testid="community" data-status="ok">
      <p class="muted">
        <span class="legend-own">━ your reads</span> <span class="legend-community">┅ other shoppers</span> ·{' '}
        {view.days.length ? `${view.days.length} community days` : 'no community reads yet'}
        {view.stale ? ' (offline copy)' : ''}
      </p>
      {recent.length > 0 && (
        <ul class="community-days" data-testid="community-days">
          {recent.map((d) => (
            <li key={d.day} data-testid="community-day">
              {d.day}: {d.min === d.max ? money(d.min) : `${money(d.min)} – ${money(d.max)}`} ·{' '}
              {d.contributors} {d.contributors === 1 ? 'shopper' : 'shoppers'}
              {d.confirmed ? '' : ' (unconfirmed)'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
