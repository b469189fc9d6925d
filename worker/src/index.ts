/** Cloudflare Workers entry: the HTTP app, and the daily retention job (Cron Trigger in wrangler.jsonc). */
import { createApp } from './app.ts';
import { openNeonDb } from './db/client.ts';
import { type Bindings, readConfig } from './env.ts';
import { PUSH_ALERTS_CRON, scheduledPushAlerts } from './push/scheduled.ts';
import { pruneRawObservations } from './retention.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
    // Every run sends due price alerts; only the daily run prunes.
    scheduledPushAlerts(env, ctx);
    if (controller.cron === PUSH_ALERTS_CRON) return;
    const config = readConfig(env);
    const handle = openNeonDb(config.databaseUrl!, config.neonWsProxy);
    ctx.waitUntil(
      pruneRawObservations(handle.db)
        .then((n) => console.log(`retention: removed ${n} raw observations`))
        .finally(() => handle.close()),
    );
  },
} satisfies ExportedHandler<Bindings>;
