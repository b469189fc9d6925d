/**
 * Sending price alerts: one encrypted Web Push message per watch whose confirmed community price reached its
 * target, with hysteresis (one alert per crossing), and pruning of subscriptions the push service says are gone.
 */
import { eq, sql } from 'drizzle-orm';
import type { PushPayload } from '../../../shared/api-pwa.ts';
import { addDays, utcDay } from '../../../shared/history.ts';
import { formatDecimal } from '../../../shared/money.ts';
import type { Db } from '../db/client.ts';
import { pushSubscriptions, pushWatches } from '../db/schema.ts';
import { utf8 } from './base64url.ts';
import { encryptPushPayload } from './encrypt.ts';
import { type Vapid, vapidAuthorization } from './vapid.ts';

export type PushFetch = (input: string, init: RequestInit) => Promise<Response>;

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Only prices this recent may alert: an old confirmed low is not news. */
const FRESH_DAYS = 2;

export async function sendPush(
  target: PushTarget,
  payload: PushPayload,
  vapid: Vapid,
  fetchImpl: PushFetch,
  now = Date.now(),
): Promise<number> {
  const body = await encryptPushPayload(utf8(JSON.stringify(payload)), target.p256dh, target.auth);
  const res = await fetchImpl(target.endpoint, {
    method: 'POST',
    headers: {
      authorization: await vapidAuthorization(target.endpoint, vapid, now),
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      ttl: String(24 * 3600),
      urgency: 'normal',
      // Later alerts for the same product replace an undelivered earlier one.
      topic: `p${payload.productId}`.slice(0, 32),
    },
    body,
  });
  await res.body?.cancel().catch(() => undefined);
  return res.status;
}

export interface AlertRunResult {
  sent: number;
  pruned: number;
  failed: number;
  rearmed: number;
}

interface DueRow {
  subscription_id: number | string;
  product_id: string;
  currency: string;
  region: string;
  target: number | string;
  armed: boolean;
  endpoint: string;
  p256dh: string;
  auth: string;
  day: string;
  median: number | string;
}

/**
 * Check every watch against its series' latest confirmed day and push the ones that reached their target.
 * `products`: only watches of these products (ingestion just changed their days); absent = all (the Cron).
 */
export async function runPushAlerts(
  db: Db,
  vapid: Vapid,
  options: { fetch: PushFetch; now?: number; products?: readonly string[] },
): Promise<AlertRunResult> {
  const now = options.now ?? Date.now();
  const since = addDays(utcDay(now), -FRESH_DAYS);
  // Product ids are digits only (validated at ingest): an array literal is safe and binds the same on every driver.
  const onlyProducts = options.products
    ? sql`AND w.product_id = ANY(${`{${options.products.join(',')}}`}::text[])`
    : sql``;
  const result = await db.execute(sql`
    SELECT w.subscription_id, w.product_id, w.currency, w.region, w.target, w.armed,
           s.endpoint, s.p256dh, s.auth, latest.day::text AS day, latest.median_price AS median
    FROM push_watches w
    JOIN push_subscriptions s ON s.id = w.subscription_id
    JOIN LATERAL (
      SELECT d.day, d.median_price FROM daily_prices d
      WHERE d.product_id = w.product_id AND d.currency = w.currency AND d.region = w.region AND d.sku_id = ''
        AND d.confirmed AND NOT d.flagged
      ORDER BY d.day DESC LIMIT 1
    ) latest ON true
    WHERE latest.day >= ${since}::date ${onlyProducts}
    ORDER BY w.subscription_id`);
  const rows = ((result as { rows?: DueRow[] }).rows ?? (result as unknown as DueRow[])) as DueRow[];
  const out: AlertRunResult = { sent: 0, pruned: 0, failed: 0, rearmed: 0 };
  const gone = new Set<number>();
  for (const r of rows) {
    const subscriptionId = Number(r.subscription_id);
    if (gone.has(subscriptionId)) continue;
    const median = Number(r.median);
    const target = Number(r.target);
    const key = sql`${pushWatches.subscriptionId} = ${subscriptionId} AND ${pushWatches.productId} = ${r.product_id}
      AND ${pushWatches.currency} = ${r.currency} AND ${pushWatches.region} = ${r.region}`;
    if (median > target) {
      if (!r.armed) {
        await db.update(pushWatches).set({ armed: true }).where(key);
        out.rearmed++;
      }
      continue;
    }
    if (!r.armed) continue;
    // Claim the alert before sending: an ingest-time run and the Cron (or two uploads) can reach this watch at
    // once, and only the run that disarms it may send. A send that fails for now arms it again below.
    const claimed = await db
      .update(pushWatches)
      .set({ armed: false, notifiedDay: r.day })
      .where(sql`${key} AND ${pushWatches.armed}`)
      .returning({ subscriptionId: pushWatches.subscriptionId });
    if (claimed.length === 0) continue;
    const price = formatDecimal(median, r.currency);
    const payload: PushPayload = {
      title: `Price alert: ${price} ${r.currency}`,
      body: `Product ${r.product_id} is at ${price} ${r.currency}, at or below your target of ${formatDecimal(target, r.currency)}.`,
      productId: r.product_id,
      alert: { price, target: formatDecimal(target, r.currency), currency: r.currency },
    };
    let status: number;
    try {
      status = await sendPush(r, payload, vapid, options.fetch, now);
    } catch {
      await db.update(pushWatches).set({ armed: true }).where(key);
      out.failed++;
      continue;
    }
    if (status === 404 || status === 410) {
      // The browser unsubscribed or the subscription expired: forget it and everything it watched.
      await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId));
      gone.add(subscriptionId);
      out.pruned++;
    } else if (status >= 200 && status < 300) {
      out.sent++;
    } else {
      // 429/5xx: armed again, so the next run (or upload) tries again.
      await db.update(pushWatches).set({ armed: true }).where(key);
      out.failed++;
    }
  }
  return out;
}
