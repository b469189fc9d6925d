import { browser } from 'wxt/browser';
import type { CommunityView } from '../agents/community.ts';
import { formatMoney } from './format.ts';
import { t, tn } from './i18n.ts';
import { formatDay } from './orders-model.ts';

const DAYS_LISTED = 5;

/** Under the chart: what the community saw, or why there is nothing from it. */
export function CommunityNote({ view }: { view: CommunityView | null | undefined }) {
  if (view === undefined) return null;
  if (view === null || view.status === 'unavailable') {
    return (
      <p class="muted community-note" data-testid="community" data-status="unavailable">
        {t('community.unavailable')}
      </p>
    );
  }
  if (view.status === 'off') {
    return (
      <p class="muted community-note" data-testid="community" data-status="off">
        {t('community.offLead')}{' '}
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {t('community.offLink')}
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
        <span class="legend-own">{t('community.legendOwn')}</span>{' '}
        <span class="legend-community">{t('community.legendOthers')}</span> ·{' '}
        {view.days.length ? tn('community.days', view.days.length) : t('community.noDays')}
        {view.stale ? ` ${t('community.stale')}` : ''}
      </p>
      {recent.length > 0 && (
        <ul class="community-days" data-testid="community-days">
          {recent.map((d) => (
            <li key={d.day} data-testid="community-day">
              {formatDay(Date.parse(d.day))}:{' '}
              {d.min === d.max ? money(d.min) : `${money(d.min)} – ${money(d.max)}`} ·{' '}
              {tn('community.shoppers', d.contributors)}
              {d.confirmed ? '' : ` ${t('community.unconfirmed')}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
