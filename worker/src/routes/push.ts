/**
 * Web Push subscriptions of the PWA: the device hands over its push subscription and its watchlist targets
 * (nothing else: no account, no install id), and replaces them whenever the watchlist changes.
 */
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { strictDecimalToMinor } from '../../../shared/api-money.ts';
import { pushKeyResponseSchema, pushRegisterSchema, pushUnregisterSchema } from '../../../shared/api-pwa.ts';
import type { AppEnv } from '../app-env.ts';
import { pushSubscriptions, pushWatches } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { readVapid, type Vapid, type VapidBindings } from '../push/vapid.ts';
import { parseOr400, readJson } from '../request.ts';

async function vapidOr503(env: object): Promise<Vapid> {
  const vapid = await readVapid(env as VapidBindings);
  if (!vapid) throw new ApiError(503, 'unavailable', 'Push alerts are not configured on this server');
  return vapid;
}

export const push = new Hono<AppEnv>()
  .get('/key', async (c) => {
    const vapid = await vapidOr503(c.env);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(pushKeyResponseSchema.parse({ publicKey: vapid.publicKey }));
  })
  .post('/subscription', async (c) => {
    await vapidOr503(c.env);
    const body = parseOr400(pushRegisterSchema, await readJson(c), 'push subscription');
    const watches = body.watches.map((w, i) => {
      const target = strictDecimalToMinor(w.target, w.currency);
      if (target == null || target <= 0) {
        throw new ApiError(
          400,
          'bad_request',
          `Invalid push subscription (watches.${i}.target): not a ${w.currency} amount`,
        );
      }
      return { productId: w.productId, currency: w.currency, region: w.region ?? '', target };
    });
    const { endpoint, keys } = body.subscription;
    await c.var.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(pushSubscriptions)
        .values({ endpoint, p256dh: keys.p256dh, auth: keys.auth })
        .onConflictDoUpdate({
          target: pushSubscriptions.endpoint,
          set: { p256dh: keys.p256dh, auth: keys.auth, updatedAt: sql`now()` },
        })
        .returning({ id: pushSubscriptions.id });
      const id = row!.id;
      await tx.delete(pushWatches).where(eq(pushWatches.subscriptionId, id));
      const unique = new Map(watches.map((w) => [`${w.productId}|${w.currency}|${w.region}`, w]));
      if (unique.size)
        await tx.insert(pushWatches).values([...unique.values()].map((w) => ({ ...w, subscriptionId: id })));
    });
    c.header('Cache-Control', 'no-store');
    return c.json(
      { watches: new Set(watches.map((w) => `${w.productId}|${w.currency}|${w.region}`)).size },
      201,
    );
  })
  .delete('/subscription', async (c) => {
    const body = parseOr400(pushUnregisterSchema, await readJson(c), 'push unsubscribe');
    const deleted = await c.var.db
      .delete(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, body.endpoint))
      .returning({ id: pushSubscriptions.id });
    c.header('Cache-Control', 'no-store');
    return c.json({ deleted: deleted.length });
  });
