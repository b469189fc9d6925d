/**
 * 2019–2023 "modules" pages: `window.runParams.data` = { priceModule, skuModule, storeModule, shippingModule,
 * commonModule, titleModule, ... }, each with numeric `value` amounts in the display currency.
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
import { shippingFromLayouts, shippingFromOldFreight } from './shipping.ts';

export function isModulesData(data: unknown): data is Obj {
  return obj(at(data, 'priceModule')) !== null && obj(at(data, 'skuModule')) !== null;
}

export function readModules(data: Obj): Reading {
  const price = obj(data.priceModule) ?? {};
  const common = obj(data.commonModule) ?? {};
  const currency = firstOf(
    currencyCode(common.currencyCode),
    currencyCode(at(price, 'minAmount', 'currency')),
    currencyCode(at(data, 'webEnv', 'currency')),
  );
  const reading: Reading = {
    source: 'runParams.modules',
    productId: normaliseProductId(
      firstOf(str(common.productIdStr), str(common.productId), str(at(data, 'actionModule', 'productId'))),
    ),
    title: firstOf(str(at(data, 'titleModule', 'subject')), str(at(data, 'pageModule', 'title'))),
    image: firstOf(
      str(arr(at(data, 'imageModule', 'imagePathList'))[0]),
      str(at(data, 'pageModule', 'imagePath')),
    ),
    currency,
    store: store(
      firstOf(str(at(data, 'storeModule', 'storeNum')), str(at(data, 'actionModule', 'storeNum'))),
      at(data, 'storeModule', 'storeName'),
      at(data, 'storeModule', 'positiveRate'),
    ),
    rating: rating(
      at(data, 'titleModule', 'feedbackRating', 'averageStar'),
      at(data, 'titleModule', 'feedbackRating', 'totalValidNum'),
    ),
    lot: lot(price.lot, price.numberPerLot),
    notFound: isRedirectedAway(data),
    sources: {},
  };
  const trade = currencyCode(common.tradeCurrencyCode);
  if (trade && trade !== currency) reading.tradeCurrency = trade;
  const layouts = at(data, 'shippingModule', 'generalFreightInfo', 'originalLayoutResultList');
  reading.shipping = firstOf(
    shippingFromLayouts(layouts, currency),
    shippingFromOldFreight(at(data, 'shippingModule', 'freightCalculateInfo', 'freight')),
  );
  reading.region = firstOf(
    str(at(arr(layouts)[0], 'bizData', 'shipToCode')),
    str(at(data, 'webEnv', 'country')),
    str(common.userCountryCode),
  );
  if (currency === null) return reading;
  return pricePage(reading, currency, {
    source: 'runParams.priceModule',
    rows: arr(at(data, 'skuModule', 'skuPriceList')),
    props: at(data, 'skuModule', 'productSKUPropertyList'),
    selectedAttr: at(data, 'skuModule', 'selectedSkuAttr'),
    list: [price.minAmount, price.maxAmount],
    sale: price.activity === false ? null : [price.minActivityAmount, price.maxActivityAmount],
    total: at(data, 'quantityModule', 'totalAvailQuantity') ?? at(data, 'actionModule', 'totalAvailQuantity'),
    block: data.priceModule,
  });
}

function isRedirectedAway(data: Obj): boolean {
  const code = str(at(data, 'redirectModule', 'code'));
  const to = str(at(data, 'redirectModule', 'redirectUrl')) ?? '';
  return code !== null && code !== 'OK' && /not.?found|offline|error/i.test(`${code} ${to}`);
}
