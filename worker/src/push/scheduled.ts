/**
 * The Cron Trigger (wrangler.jsonc `triggers.crons`): check every watch against the latest confirmed community
 * prices and push the alerts that are due. local-push.ts runs the same on a timer for `npm run api`.
 */
import { openNeonDb } from '../db/client.ts';
import { type Bindings, readConfig } from '../env.ts';
import { type AlertRunResult, runPushAlerts } from './send.ts';
import { readVapid } from './vapid.ts';

export async function pushAlertsOnce(env: Bindings): Promise<AlertRunResult | null> {
  const vapid = await readVapid(env);
  if (!vapid) return null;
  const config = readConfig(env);
  if (config.localDb) return runPushAlerts(config.localDb, vapid, { fetch: (i, init) => fetch(i, init) });
  const handle = openNeonDb(config.databaseUrl!, config.neonWsProxy);
  try {
    return await runPushAlerts(handle.db, vapid, { fetch: (i, init) => fetch(i, init) });
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
