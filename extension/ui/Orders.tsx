import { useEffect, useState } from 'preact/hooks';
import type { OrderStatus } from '../../shared/orders/types.ts';
import type { OrderView } from '../agents/orders.ts';
import { formatDate, formatMoney } from './format.ts';
import {
  ageText,
  countdownText,
  FILTERS,
  formatDay,
  protectionCountdown,
  statusLabel,
  timeline,
} from './orders-model.ts';
import { safeImage } from './ProductCard.tsx';
import type { Ask } from './popup-model.ts';
import './orders.css';
import { t, tn } from './i18n.ts';

/**
 * Every order the shopper's order and tracking pages showed: status timeline, days since ordering, buyer
 * protection countdown, tracking events, and purchases whose price dropped since. Self-contained (it only needs
 * `ask`), so the dashboard can embed it. Page-derived text is rendered as text only.
 */
export function Orders({ ask, now = Date.now }: { ask: Ask; now?: () => number }) {
  const [all, setAll] = useState<OrderView[] | null>(null);
  const [filter, setFilter] = useState<OrderStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    ask('orders:list', { status: null })
      .then(setAll)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [ask]);

  if (error) return <p class="error">{t('orders.error', { error })}</p>;
  if (all === null) return <p class="muted">{t('common.loading')}</p>;
  const at = now();
  const shown = filter ? all.filter((v) => v.order.status === filter) : all;
  const count = (s: OrderStatus) => all.filter((v) => v.order.status === s).length;
  return (
    <section class="orders" data-testid="orders">
      <h1>{t('nav.orders')}</h1>
      {all.length === 0 ? (
        <p class="muted">{t('orders.empty')}</p>
      ) : (
        <fieldset class="order-filters">
          <legend class="visually-hidden">{t('orders.filter')}</legend>
          <button
            type="button"
            aria-pressed={filter === null}
            onClick={() => setFilter(null)}
            data-testid="filter-all"
          >
            {t('orders.filterCount', { label: t('privacy.auditAll'), count: all.length })}
          </button>
          {FILTERS.filter((s) => count(s) > 0).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={filter === s}
              onClick={() => setFilter(s)}
              data-testid={`filter-${s}`}
            >
              {t('orders.filterCount', { label: statusLabel(s), count: count(s) })}
            </button>
          ))}
        </fieldset>
      )}
      <ul class="order-rows">
        {shown.map((view) => (
          <OrderItem key={view.order.id} view={view} now={at} />
        ))}
      </ul>
    </section>
  );
}

function OrderItem({ view, now }: { view: OrderView; now: number }) {
  const { order, events, purchases } = view;
  const countdown = protectionCountdown(order, now);
  const firstShipped = events.filter((e) => !e.code || !/^AE_(ORDER_|GWMS)/.test(e.code)).at(-1)?.at ?? null;
  const steps = timeline(order, firstShipped);
  return (
    <li class="order-row" data-testid="order-row" data-order-id={order.id} data-status={order.status}>
      <header class="order-head">
        <strong dir="auto">{order.lines[0]?.title ?? t('orders.order', { id: order.id })}</strong>
        {order.lines.length > 1 && (
          <span class="muted"> {t('orders.more', { count: order.lines.length - 1 })}</span>
        )}
        <span class={`order-status status-${order.status}`} data-testid="order-status">
          {statusLabel(order.status)}
        </span>
      </header>
      <p class="muted">
        {order.storeName && <span dir="auto">{order.storeName} · </span>}
        {t('orders.order', { id: order.id })}
        {order.total !== null && order.currency && ` · ${formatMoney(order.total, order.currency)}`}
        {order.statusText && ` · “${order.statusText}”`}
      </p>
      <p data-testid="order-age">{ageText(order, now)}</p>
      {countdown.kind !== 'none' && (
        <p
          class={countdown.kind === 'running' && countdown.urgent ? 'protection urgent' : 'protection'}
          data-testid="protection"
        >
          {countdownText(countdown)}
        </p>
      )}
      <ol class="order-timeline" data-testid="timeline">
        {steps.map((s) => (
          <li key={s.label} class={s.done ? 'done' : ''}>
            {s.label}
            {s.at !== null && s.done && (
              <span class="muted"> {s.day ? formatDay(s.at) : formatDate(s.at)}</span>
            )}
          </li>
        ))}
      </ol>
      {order.parcels.map((p) => (
        <p key={p.trackingNumber ?? p.carrier} class="muted" data-testid="parcel">
          {p.carrier ?? t('orders.carrierUnknown')}
          {p.trackingNumber && ` · ${p.trackingNumber}`}
        </p>
      ))}
      {events.length > 0 && (
        <details>
          <summary>
            {tn('orders.events', events.length)} {events[0]!.title ?? ''} {formatDate(events[0]!.at)}
          </summary>
          <ul class="order-events" data-testid="events">
            {events.map((e) => (
              <li key={e.id}>
                <span class="muted">{formatDate(e.at)}</span> {e.title && <strong>{e.title}</strong>}{' '}
                <span dir="auto">{e.description}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <ul class="order-lines">
        {order.lines.map((line) => {
          const purchase = purchases.find((p) => p.productId === line.productId && p.skuId === line.skuId);
          return (
            <li key={`${line.productId}|${line.skuId}|${line.title}`}>
              {line.image && safeImage(line.image) && (
                <img src={safeImage(line.image)} alt="" width={40} height={40} loading="lazy" />
              )}
              <span dir="auto">{line.title ?? t('product.untitled', { id: line.productId ?? '' })}</span>
              {line.attributes && <span class="muted"> · {line.attributes}</span>}
              <span class="muted">
                {' '}
                · {line.quantity} ×{' '}
                {line.unitPrice !== null && order.currency
                  ? formatMoney(line.unitPrice, order.currency)
                  : '?'}
              </span>
              {purchase?.dropped && order.currency && (
                <span class="price-dropped" data-testid="price-dropped">
                  {' '}
                  {t('orders.dropped', {
                    price: formatMoney(purchase.dropped.price, order.currency),
                    pct: purchase.dropped.pct,
                  })}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </li>
  );
}
