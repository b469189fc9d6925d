import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  API_LIMITS,
  type IngestResponse,
  parseObservationItem,
  type Rejection,
  type ValidObservation,
} from '../../../shared/api.ts';
import { utcDay } from '../../../shared/history.ts';
import type { AppEnv } from '../app-env.ts';
import { requireContributor } from '../auth.ts';
import { queryRows } from '../db/client.ts';
import { ApiError } from '../errors.ts';
import { dailyQuota } from '../quota.ts';
import { readJson } from '../request.ts';
import { lockSeriesDays, rollupStatement, type SeriesDay, seriesLockKey } from '../rollup.ts';

export const observations = new Hono<AppEnv>().post(
  '/',
  bodyLimit({
    maxSize: API_LIMITS.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Bodies are limited to ${API_LIMITS.maxBodyBytes} bytes`);
    },
  }),
  requireContributor,
  async (c) => {
    const { db, config, contributor } = c.var;
    const body = await readJson(c);
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !('observations' in body)) {
      throw new ApiError(400, 'bad_request', 'Send { "observations": [ … ] }');
    }
    const keys = Object.keys(body);
    if (keys.length !== 1)
      throw new ApiError(400, 'bad_request', `Unknown field ${keys.find((k) => k !== 'observations')}`);
    const items = body.observations;
    if (!Array.isArray(items) || items.length === 0) {
      throw new ApiError(400, 'bad_request', '"observations" must be a non-empty array');
    }
    if (items.length > API_LIMITS.maxBatch) {
      throw new ApiError(413, 'payload_too_large', `At most ${API_LIMITS.maxBatch} observations per batch`);
    }

    const now = Date.now();
    const rejected: Rejection[] = [];
    const valid: { index: number; value: ValidObservation }[] = [];
    items.forEach((item, index) => {
      const r = parseObservationItem(item, now);
      if (r.ok) valid.push({ index, value: r.value });
      else rejected.push({ index, code: r.code });
    });
    if (valid.length === 0) {
      throw new ApiError(422, 'no_valid_observations', 'No observation in the batch is valid', { rejected });
    }

    const today = utcDay(now);
    const quota = dailyQuota(contributor.createdAt.getTime(), now, config.quotaFirstDay, config.quotaMax);
    // One array parameter per column instead of one parameter per value: far less to encode, send and parse.
    const rows = valid.map(({ value }) => value);
    const col = <T>(pick: (o: ValidObservation) => T) => sql.param(rows.map(pick));
    const result = await db.transaction(async (tx) => {
      // One round trip grants the quota, inserts the granted items (the first ones, in batch order), and locks
      // the series-days that gained a read. The sort under the lock scan makes the insert finish before the
      // first lock is taken, as when they were separate statements; the recomputation below is a later
      // statement, so its snapshot includes whatever a transaction that held one of these locks committed.
      const [step] = await queryRows<{
        granted: number | string;
        accepted: number | string;
        keys: [string, string, string, string, string][] | null;
      }>(
        tx,
        sql`WITH cur AS (
              SELECT id, CASE WHEN quota_day = ${today}::date THEN quota_used ELSE 0 END AS used
              FROM contributors WHERE id = ${contributor.id} FOR UPDATE
            ), g AS (
              SELECT id, used, LEAST(${valid.length}::int, GREATEST(0, ${quota}::int - used)) AS granted FROM cur
            ), q AS (
              UPDATE contributors SET quota_used = g.used + g.granted, quota_day = ${today}::date
              FROM g WHERE contributors.id = g.id
              RETURNING g.granted
            ), ins AS (
              INSERT INTO observations (contributor_id, product_id, sku_id, currency, region, day, price,
                                        original_price, shipping, observed_at, flags)
              SELECT ${contributor.id}::bigint, t.p, t.s, t.c, t.r, t.d, t.pr, t.op, t.sh, t.oa, string_to_array(t.f, ',')
              FROM unnest(${col((o) => o.productId)}::text[], ${col((o) => o.skuId ?? '')}::text[],
                          ${col((o) => o.currency)}::text[], ${col((o) => o.region ?? '')}::text[],
                          ${col((o) => utcDay(o.observedAt))}::date[], ${col((o) => o.price)}::bigint[],
                          ${col((o) => o.originalPrice)}::bigint[], ${col((o) => o.shipping)}::bigint[],
                          ${col((o) => new Date(o.observedAt).toISOString())}::timestamptz[],
                          ${col((o) => o.flags.join(','))}::text[])
                WITH ORDINALITY AS t(p, s, c, r, d, pr, op, sh, oa, f, i)
              WHERE t.i <= (SELECT granted FROM q)
              ON CONFLICT DO NOTHING
              RETURNING product_id AS p, currency AS c, region AS r, sku_id AS s, day AS d
            ), touched AS (
              SELECT DISTINCT p, c, r, s, d FROM ins
            ), locked AS (
              ${lockSeriesDays(sql`SELECT ${seriesLockKey(sql`p`, sql`c`, sql`r`, sql`s`, sql`d`)} AS key FROM touched`)}
            )
            SELECT (SELECT granted FROM q) AS granted, (SELECT count(*) FROM ins) AS accepted,
                   (SELECT locked FROM locked) AS locked,
                   (SELECT json_agg(json_build_array(p, c, r, s, to_char(d, 'YYYY-MM-DD'))) FROM touched) AS keys`,
      );
      const granted = Number(step?.granted ?? 0);
      if (granted === 0) {
        throw new ApiError(
          429,
          'quota_exceeded',
          `Daily quota of ${quota} observations reached for this install`,
          {
            headers: {
              'Retry-After': String(Math.ceil((Date.parse(`${today}T00:00:00Z`) + 86_400_000 - now) / 1000)),
            },
          },
        );
      }
      for (const { index } of valid.slice(granted)) rejected.push({ index, code: 'quota_exceeded' });
      const touched: SeriesDay[] = (step?.keys ?? []).map(([productId, currency, region, skuId, day]) => ({
        productId,
        currency,
        region,
        skuId,
        day,
      }));
      if (touched.length) await tx.execute(rollupStatement(touched));
      const accepted = Number(step?.accepted ?? 0);
      return { accepted, duplicates: granted - accepted };
    });

    rejected.sort((a, b) => a.index - b.index);
    return c.json({ ...result, rejected } satisfies IngestResponse, 202);
  },
);
