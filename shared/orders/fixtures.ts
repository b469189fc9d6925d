import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The constructed order fixtures next to this file (see each file's `_note`: none is a captured page). */
export function orderFixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

export const ORDER_LIST_URL = 'https://www.aliexpress.com/p/order/index.html';
export const TRACKING_URL = 'https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=8201234567890123';
export const DETAIL_URL = 'https://www.aliexpress.com/p/order/detail.html?orderId=8201234567890123';
