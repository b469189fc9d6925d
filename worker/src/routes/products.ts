import { and, asc, eq, gt, gte } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  type HistoryResponse,
  historyQuerySchema,
  productIdSchema,
  type SummaryResponse,
  summaryQuerySchema,
} from '../../../shared/api.ts';
import { strictDecimalToMinor } from '../../../shared/api-money.ts';
import {
  addDays,
  type CurrentRead,
  type DailyPoint,
  summarizeDays,
  utcDay,
} from '../../../shared/history.ts';
import { formatDecimal } from '../../../shared/money.ts';
import type { AppEnv } from '../app-env.ts';
import type { Db } from '../db/client.ts';
import { dailyPrices } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { parseOr400 } from '../request.ts';

/** Community history is public and changes at most a few times an hour per series. */
const PUBLIC_CACHE = 'public, max-age=300';

function seriesWhere(
  productId: string,
  q: { currency: string; region?: string | undefined; sku?: string | undefined },
) {
  return and(
    eq(dailyPrices.productId, productId),
    eq(dailyPrices.currency, q.currency),
    eq(dailyPrices.region, q.region ?? ''),
    eq(dailyPrices.skuId, q.sku ?? ''),
    // A row without a publishable vote only carries its day's reads (rollup.ts).
    gt(dailyPrices.contributors, 0),
  );
}

async function loadDays(db: Db, productId: string, q: Parameters<typeof seriesWhere>[1], fromDay?: string) {
  const where = seriesWhere(productId, q);
  return db
    .select({
      day: dailyPrices.day,
      min: dailyPrices.minPrice,
      median: dailyPrices.medianPrice,
      max: dailyPrices.maxPrice,
      observations: dailyPrices.observations,
      contributors: dailyPrices.contributors,
      confirmed: dailyPrices.confirmed,
    })
    .from(dailyPrices)
    .where(fromDay ? and(where, gte(dailyPrices.day, fromDay)) : where)
    .orderBy(asc(dailyPrices.day));
}

export const products = new Hono<AppEnv>()
  .get('/:productId/history', async (c) => {
    const productId = parseOr400(productIdSchema, c.req.param('productId'), 'product id');
    const q = parseOr400(historyQuerySchema, c.req.query(), 'query');
    const from = addDays(utcDay(Date.now()), -(q.days - 1));
    const rows = await loadDays(c.var.db, productId, q, from);
    const money = (v: number) => formatDecimal(Number(v), q.currency);
    const body: HistoryResponse = {
      productId,
      currency: q.currency,
      region: q.region ?? null,
      sku: q.sku ?? null,
      days: rows.map((r) => ({
        day: r.day,
        min: money(r.min),
        median: money(r.median),
        max: money(r.max),
        observations: r.observations,
        contributors: r.contributors,
        confirmed: r.confirmed,
      })),
    };
    c.header('Cache-Control', PUBLIC_CACHE);
    return c.json(body);
  })
  .get('/:productId/summary', async (c) => {
    const productId = parseOr400(productIdSchema, c.req.param('productId'), 'product id');
    const q = parseOr400(summaryQuerySchema, c.req.query(), 'query');
    // Only confirmed days (≥ 2 contributors): the current price, lows and verdict are claims about the price
    // everyone pays, and one credential alone could otherwise fake a drop (up to the far rule's 25 %).
    const rows = (await loadDays(c.var.db, productId, q)).filter((r) => r.confirmed);
    const points: DailyPoint[] = rows.map((r) => ({
      day: r.day,
      min: Number(r.min),
      median: Number(r.median),
      max: Number(r.max),
      count: r.observations,
    }));
    const now = Date.now();
    const toMinor = (text: string | undefined, field: string) => {
      if (text === undefined) return null;
      const v = strictDecimalToMinor(text, q.currency);
      if (v == null || v <= 0)
        throw new ApiError(400, 'bad_request', `Invalid query (${field}): not a ${q.currency} amount`);
      return v;
    };
    const pagePrice = toMinor(q.price, 'price');
    const pageOriginal = toMinor(q.originalPrice, 'originalPrice');
    const current: CurrentRead | null =
      pagePrice == null
        ? null
        : { price: pagePrice, originalPrice: pageOriginal, observedAt: now, shippingKnown: false };
    // The same judgement the extension makes locally, over the community's daily points.
    const s = summarizeDays(points, current, { now });
    const money = (v: number) => formatDecimal(v, q.currency);
    const maybe = (v: number | null) => (v == null ? null : money(v));
    const body: SummaryResponse = {
      productId,
      currency: q.currency,
      region: q.region ?? null,
      sku: q.sku ?? null,
      summary:
        s?.current == null
          ? null
          : {
              asOfDay: s.asOfDay,
              current: { price: money(s.current.price), day: pagePrice == null ? s.lastDay : s.asOfDay },
              typical: maybe(s.typical),
              lowest: { allTime: money(s.lowestEver), days30: maybe(s.lowest30), days90: maybe(s.lowest90) },
              highest: money(s.highestEver),
              changeVsTypicalPct: s.changeVsTypicalPct,
              lowestInDays: s.lowestInDays,
              isAllTimeLow: s.isAllTimeLow,
              observedDays: s.observedDays,
              verdict: {
                kind: s.verdict.kind,
                reference: maybe(s.verdict.reference),
                realPct: s.verdict.realPct,
                coverageDays: s.verdict.coverageDays,
              },
            },
    };
    c.header('Cache-Control', PUBLIC_CACHE);
    return c.json(body);
  });
