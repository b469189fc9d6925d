/**
 * Shipping as every generation since 2022 describes it: a list of delivery options ("layouts") whose
 * `bizData` carries the numbers; the first option is the one the page shows. Also the freight API response
 * (`mtop.aliexpress.itemdetail.queryexpression`) that the page calls when the shopper changes address.
 */
import { parseMoney, toMinor } from '../money.ts';
import { normaliseProductId } from './ids.ts';
import { arr, at, currencyCode, num, obj, type Reading, str } from './read.ts';
import type { Shipping } from './types.ts';

function days(biz: Record<string, unknown>): number | null {
  const n = num(biz.deliveryDayMax) ?? num(biz.deliveryDayMin);
  return n !== null && Number.isSafeInteger(n) && n > 0 && n < 1000 ? n : null;
}

function utParams(biz: Record<string, unknown>): Record<string, unknown> {
  if (typeof biz.utParams !== 'string') return {};
  try {
    return obj(JSON.parse(biz.utParams)) ?? {};
  } catch {
    return {};
  }
}

/** One delivery option's `bizData` → Shipping. */
export function shippingFromBizData(value: unknown, pageCurrency: string | null): Shipping | null {
  const biz = obj(value);
  if (!biz) return null;
  const unreachable = biz.unreachable === true;
  const free = biz.shippingFee === 'free';
  let amount: number | null = null;
  let currency: string | null = null;
  const display = currencyCode(biz.displayCurrency);
  if (display && num(biz.displayAmount) !== null) {
    amount = toMinor(biz.displayAmount, display);
    currency = display;
  }
  if (amount === null && typeof biz.formattedAmount === 'string') {
    const parsed = parseMoney(biz.formattedAmount, { currency: display ?? pageCurrency });
    if (parsed) ({ amount, currency } = parsed);
  }
  if (amount === null) {
    const ut = utParams(biz);
    const fCurrency = currencyCode(ut.fCurrency);
    if (fCurrency && num(ut.fAmount) !== null) {
      amount = toMinor(ut.fAmount, fCurrency);
      currency = fCurrency;
    }
  }
  if (free) {
    amount = 0;
    currency = display ?? pageCurrency ?? currency ?? currencyCode(biz.currency);
  }
  if (!unreachable && !free && amount === null) return null;
  if (unreachable) {
    amount = null;
    currency = null;
  }
  return { amount, currency, free: free && !unreachable, unreachable, days: unreachable ? null : days(biz) };
}

/** `originalLayoutResultList` (or `deliveryLayoutInfo`): the first option that reads. */
export function shippingFromLayouts(list: unknown, pageCurrency: string | null): Shipping | null {
  for (const layout of arr(list)) {
    const s = shippingFromBizData(at(layout, 'bizData'), pageCurrency);
    if (s) return s;
  }
  return null;
}

/** 2019–2021 "modules" pages: `shippingModule.freightCalculateInfo.freight.freightAmount`. */
export function shippingFromOldFreight(freight: unknown): Shipping | null {
  const f = obj(freight);
  if (!f) return null;
  const fa = obj(f.freightAmount);
  const currency = currencyCode(fa?.currency);
  const minor = currency ? toMinor(fa?.value, currency) : null;
  if (currency === null || minor === null) return null;
  const time = /(\d{1,3})\s*$/.exec(str(f.time) ?? '');
  return {
    amount: minor,
    currency,
    free: minor === 0,
    unreachable: false,
    days: time ? Number(time[1]) : null,
  };
}

/** Where a freight response keeps its delivery options (the API nests them differently over the years). */
function deliveryExpression(root: unknown): Record<string, unknown> | null {
  return (
    obj(at(root, 'data', 'data', 'deliveryExpressionResponse')) ??
    obj(at(root, 'data', 'deliveryExpressionResponse')) ??
    obj(at(root, 'deliveryExpressionResponse'))
  );
}

export function isFreightResponse(root: unknown): boolean {
  return deliveryExpression(root) !== null;
}

/** A freight API response → a freight-only reading (product id + shipping). */
export function readFreight(root: unknown): Reading | null {
  const expr = deliveryExpression(root);
  if (!expr) return null;
  const layouts = arr(expr.originalLayoutResultList);
  const firstBiz = obj(at(layouts[0], 'bizData'));
  const base = obj(arr(at(expr, 'bizData', 'deliveryOptionBaseInfoList'))[0]);
  const fee = currencyCode(base?.shippingFeeCurrencyCode);
  let shipping = shippingFromLayouts(layouts, fee);
  const reachable = at(expr, 'bizData', 'reachable');
  if (base && fee && num(base.shippingFee) !== null) {
    const minor = toMinor(base.shippingFee, fee);
    if (minor !== null) {
      shipping = {
        amount: minor,
        currency: fee,
        free: minor === 0,
        unreachable: reachable === false,
        days: shipping?.days ?? (firstBiz ? days(firstBiz) : null),
      };
    }
  }
  if (reachable === false)
    shipping = { amount: null, currency: null, free: false, unreachable: true, days: null };
  if (!shipping) return null;
  return {
    source: 'freight',
    kind: 'freight',
    productId: normaliseProductId(firstBiz?.itemId ?? utParams(firstBiz ?? {}).productId),
    region: str(firstBiz?.shipToCode),
    shipping,
    flags: shipping.unreachable ? ['unreachable'] : [],
  };
}
