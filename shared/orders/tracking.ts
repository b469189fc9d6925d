import { canonicalProductId } from '../urls.ts';
import { epochMs, isDeliveryEvent, list, orderIdOfUrl, protectionDateOf, rec, text } from './fields.ts';
import { mtopData } from './mtop.ts';
import type { OrderStatus, OrdersRead, Parcel, TrackingEvent } from './types.ts';

/**
 * `mtop.ae.ld.querydetail` (the tracking page): `module.trackingDetailLineList[]`, one per parcel — `mailNo`
 * (the last-mile number; `originMailNo` the AliExpress one), `logisticsCarrierName`, `logisticsCpInfo.cpName`
 * (the actual carrier), `etaInfo`, `packageItemList[]`, `detailList[]` newest first. The response does not
 * name its order: the order id comes from the page URL (`?tradeOrderId=`). Buyer protection is the
 * "Refund if no delivery before <date>" line of `fastDeliveryInfoDTO.fdContentList`.
 */
export function readTracking(raw: string, pageUrl: string | null): OrdersRead {
  const read: OrdersRead = { source: 'tracking', orders: [], problems: [] };
  const got = mtopData(raw);
  if ('problem' in got) return { ...read, problems: [got.problem] };
  const orderId = orderIdOfUrl(pageUrl) ?? orderIdOfUrl(text(got.data.url));
  if (!orderId) return { ...read, problems: ['tracking response without an order id in the page URL'] };
  const module = rec(got.data.module);
  const parcels: Parcel[] = list(module.trackingDetailLineList)
    .slice(0, 20)
    .map((line) => parcelOf(rec(line)));
  let protectionEndsAt: number | null = null;
  for (const line of list(rec(module.fastDeliveryInfoDTO).fdContentList)) {
    protectionEndsAt ??= protectionDateOf(line);
  }
  if (!parcels.length) read.problems.push('no trackingDetailLineList');
  const events = parcels.flatMap((p) => p.events);
  let status: OrderStatus | null = null;
  if (parcels.length && parcels.every((p) => p.events.some(isDeliveryEvent))) status = 'delivered';
  else if (events.some((e) => !isPreShipment(e))) status = 'shipped';
  else if (events.length) status = 'processing';
  read.orders.push({
    orderId,
    orderedAt: null,
    status,
    statusText: null,
    storeName: null,
    storeId: null,
    currency: null,
    total: null,
    lines: null,
    parcels,
    protectionEndsAt,
  });
  return read;
}

function parcelOf(line: Record<string, unknown>): Parcel {
  const blocked = line.blockMailNo === true || line.blockMailNo === 'true';
  const events: TrackingEvent[] = [];
  for (const item of list(line.detailList).slice(0, 200)) {
    const e = rec(item);
    const at = epochMs(e.time);
    if (at === null) continue;
    events.push({
      at,
      code: text(e.trackingSecondCode, 100) ?? text(e.trackingPrimaryCode, 100),
      title: text(e.trackingName, 200),
      description: text(e.trackingDetailDesc, 1000),
    });
  }
  events.sort((a, b) => b.at - a.at);
  const eta = rec(line.etaInfo);
  const productIds = list(line.packageItemList)
    .map((i) => {
      const id = text(rec(i).itemId, 30);
      return id && /^\d+$/.test(id) ? canonicalProductId(id) : null;
    })
    .filter((id): id is string => id !== null);
  return {
    trackingNumber: blocked ? null : (text(line.mailNo, 100) ?? text(line.originMailNo, 100)),
    carrier: text(rec(line.logisticsCpInfo).cpName, 200) ?? text(line.logisticsCarrierName, 200),
    etaEnd: epochMs(eta.endEtaTime) ?? epochMs(eta.etaTimeStamp),
    productIds,
    events,
  };
}

/** Order placed / paid / warehouse nodes: the parcel has not left the seller yet. */
function isPreShipment(e: TrackingEvent): boolean {
  return e.code !== null && /^AE_(ORDER_|GWMS)/.test(e.code);
}
