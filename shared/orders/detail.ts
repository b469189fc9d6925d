import {
  amountOf,
  dateOf,
  idOf,
  isCurrencyCodeText,
  orderIdOfUrl,
  protectionDateOf,
  statusOfText,
  text,
} from './fields.ts';
import { readLines } from './lines.ts';
import { components, mtopData } from './mtop.ts';
import type { OrdersRead } from './types.ts';

/**
 * `mtop.aliexpress.trade.buyer.order.detail`: an ultron component map — `detail_order_status_block` (title =
 * the status), `detail_order_price_block` (`totalPrice`), `detail_simple_order_info_component` (tradeOrderId,
 * orderCreatTime, sic), `detail_product_block` (`productVOList`, `sellerVO`). Where the status block words a
 * protection deadline, it is read from its texts (that wording is not documented: see the fixture's note).
 */
export function readOrderDetail(raw: string, pageUrl: string | null): OrdersRead {
  const read: OrdersRead = { source: 'order-detail', orders: [], problems: [] };
  const got = mtopData(raw);
  if ('problem' in got) return { ...read, problems: [got.problem] };
  const parts = new Map<string, Record<string, unknown>>();
  for (const [tag, fields] of components(got.data)) {
    for (const name of ['status_block', 'price_block', 'order_info', 'product_block']) {
      if (tag.includes(name) && !parts.has(name)) parts.set(name, fields);
    }
  }
  const status = parts.get('status_block') ?? {};
  const price = parts.get('price_block') ?? {};
  const info = parts.get('order_info') ?? {};
  const products = parts.get('product_block') ?? {};
  const orderId = idOf(info.tradeOrderId) ?? idOf(status.orderId) ?? orderIdOfUrl(pageUrl);
  if (!orderId) return { ...read, problems: ['no order id'] };
  const totalPrice = (price.totalPrice ?? {}) as Record<string, unknown>;
  const total = amountOf(
    totalPrice.formatPriceInfo,
    totalPrice.value,
    isCurrencyCodeText(totalPrice.currencyCode),
  );
  const currency = total?.currency ?? isCurrencyCodeText(totalPrice.currencyCode);
  const seller = (products.sellerVO ?? {}) as Record<string, unknown>;
  const statusText = text(status.title, 200);
  let protectionEndsAt: number | null = null;
  for (const value of Object.values(status)) {
    protectionEndsAt ??= protectionDateOf(value);
  }
  const lines = readLines(products.productVOList, currency);
  read.orders.push({
    orderId,
    orderedAt: dateOf(info.orderCreatTime) ?? dateOf(info.orderCreateTime),
    status: statusOfText(statusText),
    statusText,
    storeName: text(seller.sellerName, 500) ?? text(seller.storeName, 500),
    storeId: text(seller.storeUrl) ? (/\/store\/(\d+)/.exec(String(seller.storeUrl))?.[1] ?? null) : null,
    currency,
    total: total?.amount ?? null,
    lines: lines.length ? lines : null,
    parcels: null,
    protectionEndsAt,
  });
  return read;
}
