import { ORDER_APIS, type OrderApi } from '../../shared/orders/apis.ts';
import { type ElementLike, readOrderListDom } from '../../shared/orders/dom.ts';
import { readOrderResponse } from '../../shared/orders/read.ts';
import type { OrdersRead } from '../../shared/orders/types.ts';
import { CHANNEL, parseRelayMessage } from './relay.ts';

export type ReportOrders = (read: OrdersRead) => void;

/**
 * The isolated-world side on order list, order detail and tracking pages: every order API response the
 * MAIN-world reader relays is read (shared/orders) and reported. On the order list the rendered cards are read
 * too, because the first page can arrive server-rendered and never pass through fetch/XHR: once when the DOM is
 * parsed, and again when cards are added ("View more orders"), at most once per animation frame's worth of
 * mutations. A read with no orders is not reported.
 */
export function installOrderReader(win: Window, report: ReportOrders, signal?: AbortSignal): void {
  const doc = win.document;
  const send = (read: OrdersRead) => {
    if (read.orders.length) report(read);
  };

  win.addEventListener(
    'message',
    (event) => {
      const message = parseRelayMessage(event, win, ORDER_APIS);
      if (message?.kind !== 'payload') return;
      send(readOrderResponse(message.api as OrderApi, message.text, win.location.href));
    },
    { signal },
  );

  if (/\/p\/order\/index\.html/.test(win.location.pathname)) {
    let cards = -1;
    const readCards = () => {
      const count = doc.querySelectorAll('.order-item').length;
      if (count === cards) return;
      cards = count;
      send(readOrderListDom(doc as unknown as ElementLike));
    };
    let pending = false;
    const observer = new MutationObserver(() => {
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        readCards();
      }, 250);
    });
    const start = () => {
      readCards();
      observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
    };
    signal?.addEventListener('abort', () => observer.disconnect());
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start, { once: true, signal });
    else start();
  }
  win.postMessage({ channel: CHANNEL, kind: 'ready' }, win.location.origin);
}
