import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { HealthResponse } from '../../../shared/api.ts';
import type { AppEnv } from '../app-env.ts';

export const health = new Hono<AppEnv>().get('/', async (c) => {
  c.header('Cache-Control', 'no-store');
  try {
    await c.var.db.execute(sql`SELECT 1`);
    return c.json({ status: 'ok', db: 'ok' } satisfies HealthResponse);
  } catch (err) {
    console.error('health: database unreachable', err);
    return c.json({ status: 'error', db: 'unreachable' } satisfies HealthResponse, 503);
  }
});
