/**
 * 2023–mid-2024 "components" pages (`window.runParams.is23`): runParams.data = { priceComponent,
 * skuComponent, sellerComponent, webGeneralFreightCalculateComponent, currencyComponent, ... }.
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
  rating,
  selectedByAttr,
  skuFromPriceRow,
  skuProperties,
  store,
  str,
} from './read.ts';
import { shippingFromLayouts } from './shipping.ts';
import type { ExtractFlag, SkuPrice } from './types.ts';

export function isComponentsData(data: unknown): data is Obj {
  return (
    obj(at(data, 'priceComponent')) !== null &&
    (obj(at(data, 'skuComponent')) !== null || obj(at(data, 'productInfoComponent')) !== null)
  );
}

export function readComponents(data: Obj): Reading {
  const price = obj(data.priceComponent) ?? {};
  const info = obj(data.productInfoComponent) ?? {};
  const currency = firstOf(
    currencyCode(at(data, 'currencyComponent', 'currencyCode')),
    currencyCode(at(price, 'origPrice', 'minAmount', 'currency')),
  );
  const layouts = at(data, 'webGeneralFreightCalculateComponent', 'originalLayoutResultList');
  const promo = obj(data.promotionComponent) ?? {};
  const reading: Reading = {
    source: 'runParams.components',
    productId: normaliseProductId(firstOf(str(info.idStr), str(info.id))),
    title: str(info.subject),
    image: str(arr(at(data, 'imageComponent', 'imagePathList'))[0]),
    currency,
    region: firstOf(
      str(at(arr(layouts)[0], 'bizData', 'shipToCode')),
      str(at(data, 'userComponent', 'userCountryCode')),
    ),
    store: store(
      at(data, 'sellerComponent', 'storeNum'),
      firstOf(
        str(at(data, 'sellerComponent', 'storeName')),
        str(at(data, 'storeHeaderComponent', 'storeHeaderResult', 'storeName')),
      ),
      firstOf(
        at(data, 'storeFeedbackComponent', 'sellerPositiveRate'),
        at(data, 'feedbackComponent', 'positiveRate'),
      ),
    ),
    rating: rating(
      at(data, 'feedbackComponent', 'evarageStar'),
      at(data, 'feedbackComponent', 'totalValidNum'),
    ),
    lot: lot(info.lot, info.numberPerLot),
    shipping: shippingFromLayouts(layouts, currency),
    notFound:
      typeof at(data, 'itemStatusComponent', 'status') === 'number' &&
      at(data, 'itemStatusComponent', 'status') !== 0,
  };
  if (currency === null) return reading;

  const props = skuProperties(at(data, 'skuComponent', 'productSKUPropertyList'));
  const rows = arr(price.skuPriceList);
  const skus = rows
    .map((row) => skuFromPriceRow(row, currency, props))
    .filter((s): s is SkuPrice => s !== null);
  reading.skus = skus;
  reading.selectedSkuId = selectedByAttr(skus, rows, at(data, 'skuComponent', 'selectedSkuAttr'));
  const list = range(
    amount(at(price, 'origPrice', 'minAmount'), currency),
    amount(at(price, 'origPrice', 'maxAmount'), currency),
  );
  const sale = range(
    amount(at(price, 'discountPrice', 'minActivityAmount'), currency),
    amount(at(price, 'discountPrice', 'maxActivityAmount'), currency),
  );
  reading.price = firstOf(sale, list, rangeOf(skus.map((s) => s.price)));
  reading.originalPrice = sale && list && list.max >= sale.max ? list : null;
  reading.sources = {
    price: sale
      ? 'runParams.priceComponent.discountPrice'
      : list
        ? 'runParams.priceComponent.origPrice'
        : 'runParams.priceComponent.skuPriceList',
  };
  const flags: ExtractFlag[] = [];
  if (reading.lot) flags.push('lot');
  if (promo.superDeals === true || promo.fireDeals === true) flags.push('flash-deal');
  const total = at(data, 'inventoryComponent', 'totalAvailQuantity');
  if (total === 0 || (skus.length > 0 && skus.every((s) => !s.available))) flags.push('out-of-stock');
  if (reading.shipping?.unreachable) flags.push('unreachable');
  reading.flags = flags;
  return reading;
}
