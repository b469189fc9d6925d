/**
 * The order pages' mtop APIs this part reads. A module of its own, without imports: the MAIN-world script
 * needs only these names, not the readers.
 */
export const ORDER_APIS = [
  'mtop.aliexpress.trade.buyer.order.list',
  'mtop.aliexpress.trade.buyer.order.detail',
  'mtop.ae.ld.querydetail',
] as const;

export type OrderApi = (typeof ORDER_APIS)[number];
