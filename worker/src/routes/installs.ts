import { Hono } from 'hono';
import { type InstallResponse, installRequestSchema } from '../../../shared/api.ts';
import type { AppEnv } from '../app-env.ts';
import { installHash, issueToken } from '../credentials.ts';
import { contributors } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { clientIp, parseOr400, readJson } from '../request.ts';

/** Anonymous credentials: nothing personal is asked for or kept. */
export const installs = new Hono<AppEnv>().post('/', async (c) => {
  const { config, db } = c.var;
  // Minting credentials is the cheapest Sybil step: it has its own, much tighter, per-IP limit.
  if (!(await config.installRateLimiter.limit({ key: clientIp(c) })).success) {
    throw new ApiError(429, 'rate_limited', 'Too many registrations from this address', {
      headers: { 'Retry-After': '60' },
    });
  }
  parseOr400(installRequestSchema, await readJson(c, { optional: true }), 'install request');
  const installId = crypto.randomUUID();
  await db.insert(contributors).values({ installHash: await installHash(config.installSecret, installId) });
  const { token, expiresAt } = await issueToken(
    config.installSecret,
    installId,
    Date.now() + config.tokenTtlDays * 86_400_000,
  );
  c.header('Cache-Control', 'no-store');
  return c.json({ installId, token, expiresAt } satisfies InstallResponse, 201);
});
