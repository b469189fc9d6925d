/**
 * Mid-2024 → now: the server HTML has no price; the page calls `mtop.aliexpress.pdp.pc.query`, whose result
 * (modules PRICE, SKU, QUANTITY_PC, PRODUCT_TITLE, SHIPPING, SHOP_CARD_PC, PC_RATING, HEADER_IMAGE_PC,
 * GLOBAL_DATA) also stays in page memory at `window._d_c_.lifeCycleEventList[0].data`.
 */
import { parseMoney } from '../money.ts';
import { normaliseProductId } from './ids.ts';
import {
  amount,
  arr,
  at,
  attributeText,
  currencyCode,
  firstOf,
  localAmount,
  lot,
  newUserPrice,
  type Obj,
  obj,
  type Reading,
  rangeOf,
  rating,
  skuProperties,
  stockOf,
  store,
  str,
} from './read.ts';
import { shippingFromLayouts } from './shipping.ts';
import type { ExtractFlag, SkuPrice } from './types.ts';

/** The module map of a pdp response, a JSONP body, or the page-memory copy. */
export function pdpResult(root: unknown): Obj | null {
  for (const candidate of [
    at(root, 'data', 'result'),
    at(root, 'result'),
    at(root, 'data', 'data', 'result'),
    root,
  ]) {
    const o = obj(candidate);
    if (o && (obj(o.PRICE) || obj(o.SKU)) && (obj(o.PRICE) || obj(o.GLOBAL_DATA) || obj(o.PRODUCT_TITLE)))
      return o;
  }
  return null;
}

/** fastjson writes repeated objects as `{ "$ref": "$.PRICE.targetSkuPriceInfo" }`. */
function deref(value: unknown, result: Obj): unknown {
  const ref = at(value, '$ref');
  if (typeof ref !== 'string' || !ref.startsWith('$.')) return value;
  return at(result, ...ref.slice(2).split('.'));
}

interface Separators {
  decimal: string | null;
  group: string | null;
}

function separators(config: unknown): Separators {
  if (typeof config !== 'string') return { decimal: null, group: null };
  try {
    const single = at(JSON.parse(config), 'single');
    return { decimal: str(at(single, 'decimalPointChar')), group: str(at(single, 'thousandsChar')) };
  } catch {
    return { decimal: null, group: null };
  }
}

function salePrice(info: unknown, currency: string, seps: Separators): number | null {
  const fromText = (text: unknown) => {
    if (typeof text !== 'string') return null;
    const parsed = parseMoney(text, { currency, ...seps });
    return parsed && parsed.currency === currency && parsed.amount > 0 ? parsed.amount : null;
  };
  return firstOf(
    amount(at(info, 'salePrice'), currency),
    localAmount(at(info, 'salePriceLocal'), currency),
    fromText(at(info, 'salePriceString')),
    fromText(at(info, 'salePrice', 'formatedAmount')),
  );
}

export function readPdp(result: Obj): Reading {
  const price = obj(result.PRICE) ?? {};
  const sku = obj(result.SKU) ?? {};
  const global = obj(at(result, 'GLOBAL_DATA', 'globalData')) ?? {};
  const infoMap = obj(price.skuIdStrPriceInfoMap) ?? obj(price.skuPriceInfoMap) ?? {};
  let currency = currencyCode(global.currencyCode);
  if (currency === null) {
    for (const info of Object.values(infoMap)) {
      currency =
        currencyCode(at(deref(info, result), 'originalPrice', 'currency')) ??
        currencyCode(at(deref(info, result), 'salePrice', 'currency'));
      if (currency) break;
    }
  }
  const shipping = shippingFromLayouts(at(result, 'SHIPPING', 'deliveryLayoutInfo'), currency);
  const reading: Reading = {
    source: 'pdp.query',
    productId: normaliseProductId(
      firstOf(str(price.productId), str(global.productId), str(at(global, 'productInfo', 'productId'))),
    ),
    title: firstOf(str(at(result, 'PRODUCT_TITLE', 'text')), str(global.subject)),
    image: firstOf(str(arr(at(result, 'HEADER_IMAGE_PC', 'imagePathList'))[0]), str(global.image)),
    url: str(at(global, 'productInfo', 'detailUrl')),
    currency,
    region: firstOf(
      str(price.region),
      str(at(arr(at(result, 'SHIPPING', 'deliveryLayoutInfo'))[0], 'bizData', 'shipToCode')),
    ),
    store: store(
      firstOf(str(at(result, 'SHOP_CARD_PC', 'sellerInfo', 'storeNum')), str(global.storeId)),
      firstOf(str(at(result, 'SHOP_CARD_PC', 'storeName')), str(global.storeName)),
      at(result, 'SHOP_CARD_PC', 'sellerPositiveRate'),
    ),
    rating: rating(at(result, 'PC_RATING', 'rating'), at(result, 'PC_RATING', 'totalValidNum')),
    lot: lot(price.isLot, firstOf(price.numberPerLot, price.lotNum)),
    shipping,
  };
  if (currency === null) return reading;

  const seps = separators(price.priceLocalConfig);
  const props = skuProperties(sku.skuProperties);
  const paths = Array.isArray(sku.skuPaths) ? sku.skuPaths : Object.values(obj(sku.skuPaths) ?? {});
  const skus: SkuPrice[] = [];
  for (const path of paths) {
    const skuId = firstOf(str(at(path, 'skuIdStr')), str(at(path, 'skuId')));
    if (skuId === null || !/^\d+$/.test(skuId)) continue;
    const info = deref(infoMap[skuId], result);
    const sale = salePrice(info, currency, seps);
    const list = amount(at(info, 'originalPrice'), currency);
    const stock = stockOf(at(path, 'skuStock'));
    const price = sale ?? list;
    skus.push({
      skuId,
      attributes: attributeText(firstOf(str(at(path, 'skuAttr')), str(at(path, 'path'))), props),
      price,
      originalPrice: sale !== null && list !== null && list > sale ? list : null,
      stock,
      available: at(path, 'salable') !== false && stock !== 0 && price !== null,
    });
  }
  reading.skus = skus;
  const selected = firstOf(str(sku.selectedSkuIdStr), str(sku.selectedSkuId), str(price.selectedSkuId));
  reading.selectedSkuId = selected && skus.some((s) => s.skuId === selected) ? selected : null;
  reading.price = rangeOf(skus.map((s) => s.price));
  const originals = skus.map((s) => s.originalPrice);
  reading.originalPrice = originals.some((o) => o !== null) ? rangeOf(originals) : null;
  reading.sources = {
    price: 'pdp.PRICE.skuIdStrPriceInfoMap',
    originalPrice: 'pdp.PRICE.skuIdStrPriceInfoMap.originalPrice',
    skus: 'pdp.SKU.skuPaths',
  };

  const flags: ExtractFlag[] = [];
  const promotions = str(at(global, 'eventInfo', 'clcEvent', 'promotions')) ?? '';
  if (/superDeals|flashDeal|flash_deal/i.test(promotions)) flags.push('flash-deal');
  if (at(result, 'QUANTITY_PC', 'totalAvailableInventory') === 0) flags.push('out-of-stock');
  if (newUserPrice(price)) flags.push('new-user-price');
  reading.flags = flags;
  return reading;
}
