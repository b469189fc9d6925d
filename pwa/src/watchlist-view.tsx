import { useSignal } from '@preact/signals';
import { liveQuery } from 'dexie';
import { useEffect, useRef } from 'preact/hooks';
import { formatDecimal } from '../../shared/money.ts';
import type { PairedWatch } from '../../shared/pairing.ts';
import { ELSEWHERE_KEY, type SeenRow, seenKey, type WatchRow } from './db.ts';
import { formatMoney } from './format.ts';
import { t } from './i18n.ts';
import { online } from './online.ts';
import { db, watchlist } from './store.ts';
import { extraConditionsText, pairedWatchText } from './watch-text.ts';

/** How far (px) a row must be swiped left before letting go removes it. */
const SWIPE_REMOVE_PX = 96;
const UNDO_MS = 6_000;

function status(watch: WatchRow, seen: SeenRow | undefined): { text: string; hit: boolean } {
  const summary = seen?.summary?.summary;
  if (!summary) return { text: t('watchlist.noPrices'), hit: false };
  const current = summary.current.price;
  const target = formatDecimal(watch.target, watch.currency);
  const hit = Number(current) <= Number(target);
  const parts = [t('watchlist.nowPrice', { price: formatMoney(current, watch.currency) })];
  if (hit) parts.push(t('watchlist.atTarget'));
  else if (summary.isAllTimeLow) parts.push(t('watchText.allTimeLow'));
  else if (summary.lowestInDays) parts.push(t('watchlist.lowestInDays', { days: summary.lowestInDays }));
  return { text: parts.join(' · '), hit };
}

function WatchItem({ watch, seen }: { watch: WatchRow; seen: SeenRow | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: number; x: number; y: number; dx: number; horizontal: boolean | null } | null>(
    null,
  );
  const offset = useSignal(0);
  const s = status(watch, seen);
  const name = watch.title ?? t('product.name', { id: watch.productId });

  function onPointerDown(e: PointerEvent): void {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, dx: 0, horizontal: null };
  }
  function onPointerMove(e: PointerEvent): void {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (d.horizontal === null && Math.abs(dx) + Math.abs(dy) > 8) {
      d.horizontal = Math.abs(dx) > Math.abs(dy);
      if (d.horizontal) ref.current?.setPointerCapture(e.pointerId);
    }
    if (!d.horizontal) return;
    d.dx = Math.min(0, dx);
    offset.value = d.dx;
  }
  function onPointerEnd(e: PointerEvent): void {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    drag.current = null;
    if (d.horizontal && d.dx <= -SWIPE_REMOVE_PX) {
      offset.value = -(ref.current?.offsetWidth ?? 400);
      void watchlist.remove(watch.productId);
    } else offset.value = 0;
  }

  return (
    <li>
      <div
        ref={ref}
        class={`item${drag.current ? ' dragging' : ''}`}
        style={{ transform: `translateX(${offset.value}px)` }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        data-testid="watch-item"
      >
        <a href={`/p/${watch.productId}`} draggable={false}>
          <strong>{name}</strong>
          <span class={s.hit ? 'verdict good' : 'muted'}>{s.text}</span>
          <span class="muted">
            {[
              t('watchlist.target', {
                price: formatMoney(formatDecimal(watch.target, watch.currency), watch.currency),
              }),
              ...extraConditionsText(watch.conditions),
            ].join(' · ')}
          </span>
        </a>
        <button
          type="button"
          aria-label={t('watchlist.remove', { name })}
          onClick={() => watchlist.remove(watch.productId)}
        >
          ✕
        </button>
      </div>
    </li>
  );
}

function UndoBar() {
  const removed = watchlist.lastRemoved.value;
  useEffect(() => {
    if (!removed) return;
    const timer = setTimeout(() => watchlist.forgetUndo(), UNDO_MS);
    return () => clearTimeout(timer);
  }, [removed]);
  if (!removed) return null;
  return (
    <div class="banner" role="status" aria-live="polite">
      <p>
        {removed.title
          ? t('watchlist.removed', { name: removed.title })
          : t('watchlist.removedProduct', { id: removed.productId })}
      </p>
      <button type="button" class="primary" onClick={() => watchlist.undoRemove()}>
        {t('watchlist.undo')}
      </button>
    </div>
  );
}

/** Watches a paired extension keeps that the phone cannot hold itself (see pair-sync.ts applyMerged). */
function ElsewhereList() {
  const rows = useSignal<PairedWatch[]>([]);
  useEffect(() => {
    const sub = liveQuery(() => db.meta.get(ELSEWHERE_KEY)).subscribe((row) => {
      rows.value = (row?.value as PairedWatch[] | undefined) ?? [];
    });
    return () => sub.unsubscribe();
  }, []);
  if (rows.value.length === 0) return null;
  return (
    <>
      <h3 id="elsewhere-title">{t('watchlist.elsewhere')}</h3>
      <ul class="watchlist" aria-labelledby="elsewhere-title">
        {rows.value.map((w) => (
          <li key={`${w.productId}:${w.skuId ?? ''}`} data-testid="elsewhere-item">
            <div class="item">
              <a href={`/p/${w.productId}`}>
                <strong>{w.title ?? t('product.name', { id: w.productId })}</strong>
                <span class="muted">{pairedWatchText(w)}</span>
              </a>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

export function WatchlistView() {
  const items = watchlist.items.value;
  const seen = useSignal<Map<string, SeenRow>>(new Map());
  const keys = items.map((w) => seenKey(w.productId, w.currency, w.region));
  const keyList = keys.join(',');

  useEffect(() => {
    const sub = liveQuery(() => db.seen.bulkGet(keyList ? keyList.split(',') : [])).subscribe((rows) => {
      seen.value = new Map(rows.filter((r): r is SeenRow => r !== undefined).map((r) => [r.key, r]));
    });
    return () => sub.unsubscribe();
  }, [keyList]);

  useEffect(() => {
    // series-data brings the API client (and zod): load it after the list is on screen.
    if (online.value && items.length) void import('./series-data.ts').then((m) => m.refreshSummaries(items));
  }, [keyList, online.value]);

  return (
    <section aria-labelledby="watchlist-title">
      <h2 id="watchlist-title">{t('nav.watchlist')}</h2>
      {items.length === 0 ? (
        <p class="muted">{t('watchlist.nothingYet')}</p>
      ) : (
        <>
          <p class="muted sr-only">{t('watchlist.swipeHint')}</p>
          <ul class="watchlist">
            {items.map((w) => (
              <WatchItem
                key={w.productId}
                watch={w}
                seen={seen.value.get(seenKey(w.productId, w.currency, w.region))}
              />
            ))}
          </ul>
        </>
      )}
      <ElsewhereList />
      <UndoBar />
    </section>
  );
}
