/**
 * The late-2022 A/B variant: `window._dida_config_._init_data_` = { data: { hierarchy, data: { price_2256:
 * { type: 'price', fields }, sku_2257: ..., shipping_2262: ... } } }. Same amounts as "modules", new nesting.
 */
import { normaliseProductId } from './ids.ts';
import {
  amount,
  arr,
  at,
  currencyCode,
  firstOf,
  lot,
  type Obj,
  obj,
  type Reading,
  range,
  rangeOf,
  selectedByAttr,
  skuFromPriceRow,
  skuProperties,
  store,
  str,
} from './read.ts';
import { shippingFromLayouts } from './shipping.ts';
import type { ExtractFlag, SkuPrice } from './types.ts';

/** The component map (`{ price_2256: { type, fields } }`) of dida init data at any of its usual depths. */
function components(root: unknown): Obj | null {
  for (const candidate of [
    at(root, 'data', 'data'),
    at(root, 'data'),
    at(root, '_init_data_', 'data', 'data'),
  ]) {
    const o = obj(candidate);
    if (
      o &&
      obj(
        at(root, 'data', 'hierarchy') ??
          at(root, 'hierarchy') ??
          at(root, '_init_data_', 'data', 'hierarchy'),
      )
    ) {
      for (const value of Object.values(o)) if (str(at(value, 'type')) === 'price') return o;
    }
  }
  return null;
}

export function isDidaData(root: unknown): boolean {
  return components(root) !== null;
}

function byType(map: Obj): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const value of Object.values(map)) {
    const type = str(at(value, 'type'));
    const fields = obj(at(value, 'fields'));
    if (type && fields && !out.has(type)) out.set(type, fields);
  }
  return out;
}

export function readDida(root: unknown): Reading | null {
  const map = components(root);
  if (!map) return null;
  const c = byType(map);
  const price = c.get('price') ?? {};
  const headerStore = obj(at(c.get('headerInfo'), '_for_header_info', 'storeModule')) ?? {};
  const shipping = c.get('shipping') ?? c.get('oldShipping') ?? {};
  const currency = firstOf(
    currencyCode(at(price, 'minAmount', 'currency')),
    currencyCode(shipping.tradeCurrency),
  );
  const layouts = at(shipping, 'generalFreightInfo', 'originalLayoutResultList');
  const reading: Reading = {
    source: 'dida._init_data_',
    productId: normaliseProductId(
      firstOf(
        str(at(c.get('actionButtons'), 'productId')),
        str(shipping.productId),
        str(headerStore.productId),
      ),
    ),
    title: str(at(c.get('titleBanner'), 'subject')),
    image: str(arr(at(c.get('imageView'), 'imagePathList'))[0]),
    currency,
    region: str(at(arr(layouts)[0], 'bizData', 'shipToCode')),
    store: store(
      firstOf(str(headerStore.storeNum), str(at(c.get('actionButtons'), 'storeNum'))),
      firstOf(str(headerStore.storeName), str(at(c.get('storeHeader'), 'storeHeader', 'storeName'))),
      headerStore.positiveRate,
    ),
    lot: lot(price.lot, price.numberPerLot),
    shipping: shippingFromLayouts(layouts, currency),
  };
  const trade = currencyCode(shipping.tradeCurrency);
  if (trade && currency && trade !== currency) reading.tradeCurrency = trade;
  if (currency === null) return reading;

  const skuFields = c.get('sku') ?? {};
  const props = skuProperties(skuFields.propertyList ?? skuFields.productSKUPropertyList);
  const rows = arr(skuFields.skuList ?? skuFields.skuPriceList);
  const skus = rows
    .map((row) => skuFromPriceRow(row, currency, props))
    .filter((s): s is SkuPrice => s !== null);
  reading.skus = skus;
  reading.selectedSkuId = selectedByAttr(skus, rows, skuFields.selectedSkuAttr);
  const list = range(amount(price.minAmount, currency), amount(price.maxAmount, currency));
  const sale =
    price.activity === false
      ? null
      : range(amount(price.minActivityAmount, currency), amount(price.maxActivityAmount, currency));
  reading.price = firstOf(sale, list, rangeOf(skus.map((s) => s.price)));
  reading.originalPrice = sale && list && list.max >= sale.max ? list : null;
  reading.sources = { price: sale ? 'dida.price.activityAmount' : 'dida.price.amount' };
  const flags: ExtractFlag[] = [];
  if (reading.lot) flags.push('lot');
  const total = at(c.get('quantity'), 'totalAvailQuantity');
  if (total === 0 || (skus.length > 0 && skus.every((s) => !s.available))) flags.push('out-of-stock');
  if (reading.shipping?.unreachable) flags.push('unreachable');
  reading.flags = flags;
  return reading;
}
