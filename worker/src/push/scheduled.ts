/**
 * The Cron Trigger (wrangler.jsonc `triggers.crons`): check every watch against the latest confirmed community
 * prices and push the alerts that are due. local-push.ts runs the same on a timer for `npm run api`.
 */
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { openNeonDb } from '../db/client.ts';
import { pushWatches } from '../db/schema.ts';
import { type Bindings, readConfig } from '../env.ts';
import { afterResponse } from '../request.ts';
import { type AlertRunResult, runPushAlerts } from './send.ts';
import { readVapid } from './vapid.ts';

/**
 * One alert run on its own database handle (a request's handle is closed once its response is out, and this may
 * run after that). `products`: only these products' watches (after ingestion); absent = every watch (the Cron).
 */
export async function pushAlertsOnce(
  env: Bindings,
  products?: readonly string[],
): Promise<AlertRunResult | null> {
  const vapid = await readVapid(env);
  if (!vapid) return null;
  const config = readConfig(env);
  const options = { fetch: (i: string, init: RequestInit) => fetch(i, init), products };
  if (config.localDb) return runPushAlerts(config.localDb, vapid, options);
  const handle = openNeonDb(config.databaseUrl!, config.neonWsProxy);
  try {
    return await runPushAlerts(handle.db, vapid, options);
  } finally {
    await handle.close();
  }
}

/** Must match the second cron in wrangler.jsonc. */
export const PUSH_ALERTS_CRON = '*/30 * * * *';

export function scheduledPushAlerts(env: Bindings, ctx: { waitUntil(p: Promise<unknown>): void }): void {
  ctx.waitUntil(
    pushAlertsOnce(env).then(
      (r) => r && console.log('push alerts', JSON.stringify(r)),
      (err: unknown) => console.error('push alerts failed', err),
    ),
  );
}

/**
 * Push at ingestion (issue: "when ingestion confirms a price at or below a target"): called by the observations
 * route once its transaction has committed, for the products the batch touched. One indexed lookup on the
 * request's own connection first: most batches touch no watched product, and then nothing else happens (no second
 * connection, no VAPID key import). Otherwise the alert run goes after the response (waitUntil on Workers, a
 * detached promise on Node), so an upload never waits for push services; the Cron still catches anything missed.
 */
export async function pushAfterIngest(c: Context<AppEnv>, products: Iterable<string>): Promise<void> {
  const list = [...new Set(products)];
  if (list.length === 0) return;
  try {
    const watched = await c.var.db
      .select({ productId: pushWatches.productId })
      .from(pushWatches)
      .where(sql`${pushWatches.productId} = ANY(${`{${list.join(',')}}`}::text[])`)
      .limit(1);
    if (watched.length === 0) return;
  } catch (err) {
    // The batch is already committed: its upload must not fail for this; the Cron will look later.
    console.error('ingest push lookup failed', err);
    return;
  }
  afterResponse(
    c,
    pushAlertsOnce(c.env, list).then(
      (r) => r && (r.sent || r.pruned || r.failed) && console.log('ingest push alerts', JSON.stringify(r)),
      (err: unknown) => console.error('ingest push alerts failed', err),
    ),
  );
}
