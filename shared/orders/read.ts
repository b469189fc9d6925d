import type { OrderApi } from './apis.ts';
import { readOrderDetail } from './detail.ts';
import { readOrderList } from './list.ts';
import { readTracking } from './tracking.ts';
import type { OrdersRead } from './types.ts';

/**
 * One captured order-page response → what it says about orders. Never throws: a reader that trips over an
 * unexpected shape reports it as a problem and an empty read.
 */
export function readOrderResponse(api: OrderApi, raw: string, pageUrl: string | null): OrdersRead {
  const source =
    api === 'mtop.ae.ld.querydetail'
      ? 'tracking'
      : api === 'mtop.aliexpress.trade.buyer.order.detail'
        ? 'order-detail'
        : 'order-list';
  try {
    if (source === 'tracking') return readTracking(raw, pageUrl);
    if (source === 'order-detail') return readOrderDetail(raw, pageUrl);
    return readOrderList(raw);
  } catch (error) {
    return { source, orders: [], problems: [`reader failed: ${String(error).slice(0, 200)}`] };
  }
}
