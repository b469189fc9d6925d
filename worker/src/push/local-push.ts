/** `npm run api` (Node): VAPID keys in the data directory and the Cron Trigger's schedule as a timer. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bindings } from '../env.ts';
import { pushAlertsOnce } from './scheduled.ts';
import { generateVapidKeys, type VapidBindings } from './vapid.ts';

/** Node only: VAPID keys kept in the data directory, like the install secret, so subscriptions survive restarts. */
export async function localVapidKeys(
  dataDir: string,
): Promise<Required<Pick<VapidBindings, 'VAPID_PUBLIC_KEY' | 'VAPID_PRIVATE_KEY'>>> {
  const path = join(dataDir, 'vapid.json');
  if (!existsSync(path)) writeFileSync(path, JSON.stringify(await generateVapidKeys()), { mode: 0o600 });
  const keys = JSON.parse(readFileSync(path, 'utf8')) as { publicKey: string; privateKey: string };
  return { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
}

/** Node only: the Cron Trigger's schedule as a timer. Returns a stop function. */
export function startLocalPushAlerts(env: Bindings, everyMs = 5 * 60_000): () => void {
  const timer = setInterval(() => {
    pushAlertsOnce(env).catch((err: unknown) => console.error('push alerts failed', err));
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
