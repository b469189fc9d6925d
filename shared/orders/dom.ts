import { parseMoney } from '../money.ts';
import { canonicalProductId } from '../urls.ts';
import { countOf, dateOf, httpsUrl, orderIdOfUrl, statusOfText, text } from './fields.ts';
import type { OrderLine, OrderSnapshot, OrdersRead } from './types.ts';

/** The part of a DOM element the fallback uses (a real Element, or linkedom's in tests). */
export interface ElementLike {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selectors: string): ArrayLike<ElementLike>;
}

const byPrefix = (prefix: string) => `[class^="${prefix}"],[class*=" ${prefix}"]`;

function all(root: ElementLike, selector: string): ElementLike[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

const first = (root: ElementLike, prefix: string) => text(all(root, byPrefix(prefix))[0]?.textContent);

/**
 * The order list as rendered (`.order-item` cards): the first page can be server-rendered and then never passes
 * through fetch/XHR, so the DOM is the only source for it. Class names are matched by prefix; the status,
 * store, date and id texts are read, amounts with the page's own formatting. No real rendered order page is
 * public: this follows the structure public order tools select on (see fixtures/order-list.html).
 */
export function readOrderListDom(doc: ElementLike): OrdersRead {
  const read: OrdersRead = { source: 'dom', orders: [], problems: [] };
  for (const card of all(doc, '.order-item').slice(0, 200)) {
    const order = cardOrder(card);
    if (order) read.orders.push(order);
    else read.problems.push('order card without an order id');
  }
  return read;
}

function cardOrder(card: ElementLike): OrderSnapshot | null {
  const info = all(card, byPrefix('order-item-header-right-info'))
    .flatMap((el) => all(el, 'div'))
    .map((el) => text(el.textContent) ?? '');
  const headerText = info.join(' | ') || (first(card, 'order-item-header-right-info') ?? '');
  // The id runs straight into the "Copy" button's text: no word boundary after it.
  let orderId = /(?<!\d)(\d{12,20})(?!\d)/.exec(headerText)?.[1] ?? null;
  for (const a of all(card, 'a[href*="orderId="]'))
    orderId ??= orderIdOfUrl(httpsUrl(a.getAttribute('href')));
  if (!orderId) return null;
  const dateLine = info.find((l) => dateOf(l) !== null) ?? headerText;
  const statusText = first(card, 'order-item-header-status');
  const totalText = first(card, 'order-item-content-opt-price-total');
  const total = totalText ? parseMoney(totalText) : null;
  const currency = total?.currency ?? null;
  return {
    orderId,
    orderedAt: dateOf(dateLine),
    status: statusOfText(statusText),
    statusText,
    storeName: first(card, 'order-item-store-name'),
    storeId: null,
    currency,
    total: total?.amount ?? null,
    lines: all(card, byPrefix('order-item-content-body')).map((body) => lineOf(body, currency)),
    parcels: null,
    protectionEndsAt: null,
  };
}

function lineOf(body: ElementLike, currency: string | null): OrderLine {
  const href = all(body, 'a[href*="/item/"]')[0]?.getAttribute('href') ?? null;
  const raw = href ? /\/item\/(\d{6,20})\.html/.exec(href)?.[1] : undefined;
  const img = all(body, 'img')[0]?.getAttribute('src') ?? null;
  const style = all(body, byPrefix('order-item-content-img'))[0]?.getAttribute('style') ?? '';
  const bg = /url\(["']?([^"')]+)["']?\)/.exec(style)?.[1] ?? null;
  const numbers = first(body, 'order-item-content-info-number') ?? '';
  const qty = /[x×]\s*(\d{1,6})\s*$/i.exec(numbers);
  const priceText = qty ? numbers.slice(0, qty.index) : numbers;
  return {
    lineId: null,
    productId: raw ? canonicalProductId(raw) : null,
    skuId: null,
    title: first(body, 'order-item-content-info-name'),
    image: httpsUrl(img) ?? httpsUrl(bg),
    attributes: first(body, 'order-item-content-info-sku'),
    quantity: (qty ? countOf(qty[1]) : null) ?? 1,
    unitPrice: parseMoney(priceText.trim(), { currency })?.amount ?? null,
  };
}
