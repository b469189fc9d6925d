/**
 * 2023–mid-2024 "components" pages (`window.runParams.is23`): runParams.data = { priceComponent,
 * skuComponent, sellerComponent, webGeneralFreightCalculateComponent, currencyComponent, ... }.
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
  rating,
  store,
  str,
} from './read.ts';
import { shippingFromLayouts } from './shipping.ts';

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
  if (promo.superDeals === true || promo.fireDeals === true) reading.flags = ['flash-deal'];
  if (currency === null) return reading;
  return pricePage(reading, currency, {
    source: 'runParams.priceComponent',
    rows: arr(price.skuPriceList),
    props: at(data, 'skuComponent', 'productSKUPropertyList'),
    selectedAttr: at(data, 'skuComponent', 'selectedSkuAttr'),
    list: [at(price, 'origPrice', 'minAmount'), at(price, 'origPrice', 'maxAmount')],
    sale: [at(price, 'discountPrice', 'minActivityAmount'), at(price, 'discountPrice', 'maxActivityAmount')],
    total: at(data, 'inventoryComponent', 'totalAvailQuantity'),
    block: { price, promotion: data.promotionComponent },
  });
}
