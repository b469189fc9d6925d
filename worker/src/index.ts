/** Cloudflare Workers entry: the HTTP app, and the daily retention job (Cron Trigger in wrangler.jsonc). */
import { createApp } from './app.ts';
import { openNeonDb } from './db/client.ts';
import { type Bindings, readConfig } from './env.ts';
import { pruneRawObservations } from './retention.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
    const config = readConfig(env);
    const handle = openNeonDb(config.databaseUrl!, config.neonWsProxy);
    ctx.waitUntil(
      pruneRawObservations(handle.db)
        .then((n) => console.log(`retention: removed ${n} raw observations`))
        .finally(() => handle.close()),
    );
  },
} satisfies ExportedHandler<Bindings>;
