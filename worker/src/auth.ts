import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env.ts';
import { installHash, verifyToken } from './credentials.ts';
import { contributors } from './db/schema.ts';
import { ApiError } from './errors.ts';

/** Requires `Authorization: Bearer <token>` of a registered install; puts the contributor on the context. */
export const requireContributor = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._-]{1,200})$/.exec(header);
  if (!match)
    throw new ApiError(401, 'unauthorized', 'Send Authorization: Bearer <token> from POST /v1/installs');
  const { installSecret } = c.var.config;
  const check = await verifyToken(installSecret, match[1]!, Date.now());
  if (!check.ok) {
    throw new ApiError(401, 'unauthorized', `Token ${check.reason}; register again with POST /v1/installs`);
  }
  const hash = await installHash(installSecret, check.installId);
  const [row] = await c.var.db
    .select({ id: contributors.id, createdAt: contributors.createdAt })
    .from(contributors)
    .where(eq(contributors.installHash, hash))
    .limit(1);
  if (!row) throw new ApiError(401, 'unauthorized', 'Unknown install; register again with POST /v1/installs');
  c.set('contributor', row);
  await next();
});
