/**
 * The API as one Hono app, shared by the Worker entry (index.ts) and the Node server (local.ts).
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { AppEnv } from './app-env.ts';
import { type DbHandle, openNeonDb } from './db/client.ts';
import { readConfig } from './env.ts';
import { ApiError, errorResponse } from './errors.ts';
import { afterResponse, clientIp } from './request.ts';
import { contributions } from './routes/contributions.ts';
import { deals } from './routes/deals.ts';
import { health } from './routes/health.ts';
import { installs } from './routes/installs.ts';
import { observations } from './routes/observations.ts';
import { pair } from './routes/pair.ts';
import { products } from './routes/products.ts';
import { push } from './routes/push.ts';
import { resolve } from './routes/resolve.ts';

/** An allowed origin is exact, or ends with `*` to match a prefix (Firefox gives each install its own moz-extension:// UUID). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => (a.endsWith('*') ? origin.startsWith(a.slice(0, -1)) : origin === a));
}

/** Connection failures (as opposed to query errors) anywhere in the cause chain: the client should retry. */
function isDatabaseUnreachable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === '57P01' || code === '53300') return true;
    if (/connection terminated|connect(ion)? (timeout|refused)|websocket|fetch failed/i.test(e.message))
      return true;
  }
  return false;
}

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('config', readConfig(c.env));
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.use(async (c, next) => {
    const allowed = c.var.config.allowedOrigins;
    return cors({
      origin: (origin) => (originAllowed(origin, allowed) ? origin : null),
      allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 86_400,
    })(c, next);
  });

  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        errorResponse(
          c,
          new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed here`, {
            headers: { Allow: methods.join(', ') },
          }),
        ),
    }),
  );

  // One database handle per request, from this request's env; closed once the response is out.
  app.use(async (c, next) => {
    const { localDb, databaseUrl, neonWsProxy } = c.var.config;
    let handle: DbHandle | null = null;
    if (localDb) c.set('db', localDb);
    else {
      handle = openNeonDb(databaseUrl!, neonWsProxy);
      c.set('db', handle.db);
    }
    try {
      await next();
    } finally {
      if (handle) afterResponse(c, handle.close());
    }
  });

  app.use('/v1/*', async (c, next) => {
    if (!(await c.var.config.ipRateLimiter.limit({ key: clientIp(c) })).success) {
      throw new ApiError(429, 'rate_limited', 'Too many requests from this address', {
        headers: { 'Retry-After': '60' },
      });
    }
    await next();
  });

  app.route('/health', health);
  app.route('/v1/installs', installs);
  app.route('/v1/observations', observations);
  app.route('/v1/products', products);
  app.route('/v1/deals', deals);
  app.route('/v1/contributions', contributions);
  app.route('/v1/resolve', resolve);
  app.route('/v1/push', push);
  app.route('/v1/pair', pair);

  app.notFound((c) =>
    errorResponse(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`)),
  );

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      return errorResponse(
        c,
        new ApiError(
          err.status === 413 ? 413 : 400,
          err.status === 413 ? 'payload_too_large' : 'bad_request',
          err.message,
        ),
      );
    }
    if (isDatabaseUnreachable(err)) {
      console.error('database unreachable', err);
      return errorResponse(
        c,
        new ApiError(503, 'unavailable', 'The database is unreachable; retry later', {
          headers: { 'Retry-After': '30' },
        }),
      );
    }
    console.error('unhandled', err);
    return errorResponse(c, new ApiError(500, 'internal', 'Internal error'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
