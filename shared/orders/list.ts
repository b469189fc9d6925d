import {
  amountOf,
  dateOf,
  idOf,
  isCurrencyCodeText,
  rec,
  statusOfCode,
  statusOfText,
  text,
} from './fields.ts';
import { readLines } from './lines.ts';
import { components, mtopData } from './mtop.ts';
import type { OrderSnapshot, OrdersRead } from './types.ts';

/**
 * `mtop.aliexpress.trade.buyer.order.list`: an ultron component map, one `pc_om_list_order` component per
 * order (`fields`: orderId, orderDateText, statusText, storeName, totalPriceText, currencyCode, orderLines[]).
 * The list carries no tracking numbers: those come from the tracking page.
 */
export function readOrderList(raw: string): OrdersRead {
  const read: OrdersRead = { source: 'order-list', orders: [], problems: [] };
  const got = mtopData(raw);
  if ('problem' in got) return { ...read, problems: [got.problem] };
  for (const [tag, f] of components(got.data)) {
    if (!tag.startsWith('pc_om_list_order')) continue;
    const orderId = idOf(f.orderId) ?? idOf(rec(rec(f.utParams).args).orderId);
    if (!orderId) {
      read.problems.push(`${tag}: no order id`);
      continue;
    }
    read.orders.push(orderFromListFields(orderId, f));
  }
  if (read.orders.length === 0 && read.problems.length === 0) read.problems.push('no orders in the response');
  return read;
}

function orderFromListFields(orderId: string, f: Record<string, unknown>): OrderSnapshot {
  const code = isCurrencyCodeText(f.currencyCode);
  const total = amountOf(f.formatPriceInfo, f.totalPriceText, code);
  const currency = total?.currency ?? code;
  const statusText = text(f.statusText, 200);
  const storeUrl = text(f.storePageUrl);
  return {
    orderId,
    orderedAt: dateOf(f.orderDateText),
    status: statusOfText(statusText) ?? statusOfCode(rec(rec(f.utParams).args).orderStatus),
    statusText,
    storeName: text(f.storeName, 500),
    storeId: storeUrl ? (/\/store\/(\d+)/.exec(storeUrl)?.[1] ?? null) : null,
    currency,
    total: total?.amount ?? null,
    lines: readLines(f.orderLines, currency),
    parcels: null,
    protectionEndsAt: null,
  };
}
