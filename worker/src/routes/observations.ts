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
import { ApiError } from '../errors.ts';
import { storeBatch } from '../ingest.ts';
import { pushAfterIngest } from '../push/scheduled.ts';
import { dailyQuota } from '../quota.ts';
import { readJson } from '../request.ts';

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
    const result = await db.transaction(async (tx) => {
      const { granted, accepted } = await storeBatch(tx, {
        contributorId: contributor.id,
        today,
        quota,
        rows: valid.map(({ value }) => value),
      });
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
      return { accepted, duplicates: granted - accepted };
    });

    rejected.sort((a, b) => a.index - b.index);
    // Committed: a day this batch confirmed may have reached a watched target.
    if (result.accepted > 0)
      await pushAfterIngest(
        c,
        valid.map(({ value }) => value.productId),
      );
    return c.json({ ...result, rejected } satisfies IngestResponse, 202);
  },
);
