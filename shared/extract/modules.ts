/**
 * 2019–2023 "modules" pages: `window.runParams.data` = { priceModule, skuModule, storeModule, shippingModule,
 * commonModule, titleModule, ... }, each with numeric `value` amounts in the display currency.
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
import { shippingFromLayouts, shippingFromOldFreight } from './shipping.ts';
import type { ExtractFlag, SkuPrice } from './types.ts';

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

  const props = skuProperties(at(data, 'skuModule', 'productSKUPropertyList'));
  const rows = arr(at(data, 'skuModule', 'skuPriceList'));
  const skus = rows
    .map((row) => skuFromPriceRow(row, currency, props))
    .filter((s): s is SkuPrice => s !== null);
  reading.skus = skus;
  reading.selectedSkuId = selectedByAttr(skus, rows, at(data, 'skuModule', 'selectedSkuAttr'));

  const list = range(amount(price.minAmount, currency), amount(price.maxAmount, currency));
  const sale =
    price.activity === false
      ? null
      : range(amount(price.minActivityAmount, currency), amount(price.maxActivityAmount, currency));
  reading.price = firstOf(sale, list, rangeOf(skus.map((s) => s.price)));
  reading.originalPrice = sale && list && list.max >= sale.max ? list : null;
  reading.sources = { price: sale ? 'runParams.priceModule.activityAmount' : 'runParams.priceModule.amount' };
  if (!sale && !list && reading.price) reading.sources.price = 'runParams.skuModule';
  reading.flags = flags(data, skus, reading);
  return reading;
}

function isRedirectedAway(data: Obj): boolean {
  const code = str(at(data, 'redirectModule', 'code'));
  return (
    code !== null &&
    code !== 'OK' &&
    /not.?found|offline|error/i.test(`${code} ${str(at(data, 'redirectModule', 'redirectUrl')) ?? ''}`)
  );
}

function flags(data: Obj, skus: SkuPrice[], reading: Reading): ExtractFlag[] {
  const out: ExtractFlag[] = [];
  if (reading.lot) out.push('lot');
  const total =
    at(data, 'quantityModule', 'totalAvailQuantity') ?? at(data, 'actionModule', 'totalAvailQuantity');
  if (total === 0 || (skus.length > 0 && skus.every((s) => !s.available))) out.push('out-of-stock');
  if (reading.shipping?.unreachable) out.push('unreachable');
  return out;
}
