import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { type Deal, type DealsResponse, dealsQuerySchema } from '../../../shared/api.ts';
import { addDays, dayStartMs, summarizeDays, utcDay } from '../../../shared/history.ts';
import { formatDecimal } from '../../../shared/money.ts';
import type { AppEnv } from '../app-env.ts';
import { queryRows } from '../db/client.ts';
import { parseOr400 } from '../request.ts';

/** A drop smaller than this is noise (currency conversion wobbles by a few percent). */
export const DEAL_MIN_DROP_PCT = 5;
/** A deal is about today: the confirmed day must be this recent. */
const DEAL_MAX_AGE_DAYS = 1;

export const deals = new Hono<AppEnv>().get('/', async (c) => {
  const q = parseOr400(dealsQuerySchema, c.req.query(), 'query');
  const region = q.region ?? '';
  const since = addDays(utcDay(Date.now()), -DEAL_MAX_AGE_DAYS);
  // SQL narrows to series whose latest confirmed, unflagged day is below the window's median; the typical price
  // itself is then computed by shared/history.ts, exactly as the extension does.
  const candidates = await queryRows<{
    product_id: string;
    sku_id: string;
    day: string;
    contributors: number;
    days: [string, number | string, number | string, number | string][];
  }>(
    c.var.db,
    sql`WITH latest AS (
          SELECT DISTINCT ON (product_id, sku_id) product_id, sku_id, day, median_price, contributors
          FROM daily_prices
          WHERE currency = ${q.currency} AND region = ${region} AND confirmed AND NOT flagged
            AND day >= ${since}::date
          ORDER BY product_id, sku_id, day DESC
        )
        SELECT l.product_id, l.sku_id, l.day::text AS day, l.contributors, w.days
        FROM latest l
        CROSS JOIN LATERAL (
          SELECT json_agg(json_build_array(d.day::text, d.median_price, d.min_price, d.max_price) ORDER BY d.day) AS days,
                 percentile_disc(0.5) WITHIN GROUP (ORDER BY d.median_price) AS window_median
          FROM daily_prices d
          WHERE d.product_id = l.product_id AND d.currency = ${q.currency} AND d.region = ${region}
            AND d.sku_id = l.sku_id AND d.day > l.day - 30 AND d.day <= l.day AND d.confirmed AND NOT d.flagged
        ) w
        WHERE l.median_price < w.window_median
        ORDER BY (w.window_median - l.median_price)::float8 / w.window_median DESC
        LIMIT ${q.limit * 5}`,
  );

  const found: Deal[] = [];
  for (const cand of candidates) {
    const points = cand.days.map(([day, median, min, max]) => ({
      day,
      median: Number(median),
      min: Number(min),
      max: Number(max),
      count: 1,
    }));
    const s = summarizeDays(points, null, { now: dayStartMs(cand.day) });
    if (!s?.current || s.typical == null || s.changeVsTypicalPct == null) continue;
    const dropPct = -s.changeVsTypicalPct;
    if (dropPct < DEAL_MIN_DROP_PCT) continue;
    found.push({
      productId: cand.product_id,
      sku: cand.sku_id || null,
      day: cand.day,
      price: formatDecimal(s.current.price, q.currency),
      typical: formatDecimal(s.typical, q.currency),
      dropPct: Math.round(dropPct * 10) / 10,
      contributors: Number(cand.contributors),
    });
  }
  found.sort((a, b) => b.dropPct - a.dropPct);
  const body: DealsResponse = {
    currency: q.currency,
    region: q.region ?? null,
    deals: found.slice(0, q.limit),
  };
  c.header('Cache-Control', 'public, max-age=300');
  return c.json(body);
});
