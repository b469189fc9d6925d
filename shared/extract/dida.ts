/**
 * The late-2022 A/B variant: `window._dida_config_._init_data_` = { data: { hierarchy, data: { price_2256:
 * { type: 'price', fields }, sku_2257: ..., shipping_2262: ... } } }. Same amounts as "modules", new nesting.
 */
import { normaliseProductId } from './ids.ts';
import {
  arr,
  at,
  currencyCode,
  firstOf,
  lot,
  type Obj,
  obj,
  pricePage,
  type Reading,
  store,
  str,
} from './read.ts';
import { shippingFromLayouts } from './shipping.ts';

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
  const sku = c.get('sku') ?? {};
  return pricePage(reading, currency, {
    source: 'dida.price',
    rows: arr(sku.skuList ?? sku.skuPriceList),
    props: sku.propertyList ?? sku.productSKUPropertyList,
    selectedAttr: sku.selectedSkuAttr,
    list: [price.minAmount, price.maxAmount],
    sale: price.activity === false ? null : [price.minActivityAmount, price.maxActivityAmount],
    total: at(c.get('quantity'), 'totalAvailQuantity'),
    block: price,
  });
}
