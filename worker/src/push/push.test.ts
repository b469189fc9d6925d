/**
 * Web Push end to end on Node: routes in the real app over PGlite, alerts sent to a loopback push-service
 * stand-in that verifies VAPID and decrypts with the subscription's keys (test/push-stand-in.ts), 404/410 prune.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createSubscriber,
  type PushServiceStandIn,
  startPushService,
  verifyVapid,
} from '../../test/push-stand-in.ts';
import { createApp } from '../app.ts';
import type { Bindings } from '../env.ts';
import { type DataDir, openDataDir } from '../local.ts';
import { MemoryRateLimiter } from '../rate-limit.ts';
import { utf8 } from './base64url.ts';
import { encryptPushPayload, MAX_PLAINTEXT } from './encrypt.ts';
import { runPushAlerts } from './send.ts';
import { generateVapidKeys, readVapid, type Vapid, type VapidBindings } from './vapid.ts';

const PRODUCT = '1005005424987520';
const FCM = 'https://fcm.googleapis.com';
let dir: string;
let store: DataDir;
let service: PushServiceStandIn;
let env: Bindings & VapidBindings;
let vapid: Vapid;
const app = createApp();

async function request(path: string, init: RequestInit = {}, e: object = env): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('cf-connecting-ip', '198.51.100.7');
  if (init.body) headers.set('content-type', 'application/json');
  return app.request(path, { ...init, headers }, e);
}

async function count(table: string): Promise<number> {
  const { rows } = await store.pglite.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]!.n;
}

async function setDay(day: string, median: number, confirmed = true): Promise<void> {
  await store.pglite.query(
    `INSERT INTO daily_prices (product_id, currency, region, sku_id, day, min_price, median_price, max_price,
       observations, contributors, confirmed)
     VALUES ($1, 'USD', '', '', $2, $3, $3, $3, 2, 2, $4)
     ON CONFLICT ON CONSTRAINT daily_prices_pk DO UPDATE SET median_price = $3, min_price = $3, max_price = $3, confirmed = $4`,
    [PRODUCT, day, median, confirmed],
  );
}

const today = new Date().toISOString().slice(0, 10);

function subscribe(sub: { endpoint: string; p256dh: string; auth: string }, watches: unknown[]) {
  return request('/v1/push/subscription', {
    method: 'POST',
    body: JSON.stringify({
      subscription: { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      watches,
    }),
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'companion-push-'));
  store = await openDataDir(dir);
  service = await startPushService();
  const keys = await generateVapidKeys();
  env = {
    INSTALL_SECRET: 'push-test-secret-push-test-secret-0123456789',
    IP_RATE_LIMITER: new MemoryRateLimiter({ limit: 100_000, periodSeconds: 60 }),
    INSTALL_RATE_LIMITER: new MemoryRateLimiter({ limit: 1000, periodSeconds: 60 }),
    LOCAL_DB: store.db,
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:alerts@example.org',
  };
  vapid = (await readVapid(env))!;
});

afterAll(async () => {
  await service?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  service.delivered.length = 0;
  service.statusFor.clear();
  await store.pglite.exec('DELETE FROM push_subscriptions; DELETE FROM daily_prices;');
});

describe('aes128gcm payload encryption (RFC 8291)', () => {
  it('decrypts with the subscription keys in an independent implementation', async () => {
    const sub = createSubscriber(`${FCM}/fcm/send/abc`);
    for (const text of ['', 'x', '{"title":"Price alert"}', 'é'.repeat(1000), 'a'.repeat(MAX_PLAINTEXT)]) {
      const body = await encryptPushPayload(utf8(text), sub.p256dh, sub.auth);
      expect(sub.decrypt(Buffer.from(body))).toBe(text);
    }
  });

  it('cannot be read with another subscription key, nor survive tampering', async () => {
    const sub = createSubscriber(`${FCM}/a`);
    const other = createSubscriber(`${FCM}/b`);
    const body = Buffer.from(await encryptPushPayload(utf8('secret'), sub.p256dh, sub.auth));
    expect(() => other.decrypt(body)).toThrow();
    body[body.length - 1]! ^= 1;
    expect(() => sub.decrypt(body)).toThrow();
    await expect(
      encryptPushPayload(utf8('a'.repeat(MAX_PLAINTEXT + 1)), sub.p256dh, sub.auth),
    ).rejects.toThrow();
  });
});

describe('/v1/push routes', () => {
  it('serves the VAPID public key, or 503 when none is configured', async () => {
    const res = await request('/v1/push/key');
    expect(await res.json()).toEqual({ publicKey: env.VAPID_PUBLIC_KEY });
    const { VAPID_PUBLIC_KEY: _p, VAPID_PRIVATE_KEY: _d, ...bare } = env;
    const none = await request('/v1/push/key', {}, bare);
    expect(none.status).toBe(503);
    expect(await none.json()).toMatchObject({ error: { code: 'unavailable' } });
  });

  it('stores a subscription with its watches and replaces them on the next call', async () => {
    const sub = createSubscriber(`${FCM}/fcm/send/one`);
    const w = (productId: string, target: string) => ({ productId, currency: 'USD', region: null, target });
    const first = await subscribe(sub, [w(PRODUCT, '15.00'), w('32993251330', '9.99'), w(PRODUCT, '15.00')]);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ watches: 2 });
    expect(await subscribe(sub, [w(PRODUCT, '12.00')]).then((r) => r.json())).toEqual({ watches: 1 });
    expect(await count('push_subscriptions')).toBe(1);
    const { rows } = await store.pglite.query<{ target: number }>('SELECT target FROM push_watches');
    expect(rows.map((r) => Number(r.target))).toEqual([1200]);

    const del = await request('/v1/push/subscription', {
      method: 'DELETE',
      body: JSON.stringify({ endpoint: sub.endpoint }),
    });
    expect(await del.json()).toEqual({ deleted: 1 });
    expect(await count('push_watches')).toBe(0);
  });

  it.each([
    ['an endpoint that is no push service', { endpoint: 'https://evil.example/hook' }],
    ['a loopback endpoint', { endpoint: 'http://127.0.0.1:8787/v1/observations' }],
    ['an endpoint with a port', { endpoint: 'https://fcm.googleapis.com:8443/x' }],
    ['a short p256dh', { p256dh: 'abc' }],
    ['a bad auth', { auth: '!!!!!!!!!!!!!!!!!!!!!!' }],
    ['a target with too many decimals', { target: '1.234' }],
    ['a target of zero', { target: '0' }],
    ['an unknown currency', { currency: 'XXX' }],
    ['a product id that is not digits', { productId: '12ab' }],
  ])('refuses %s with 400 and stores nothing', async (_name, override) => {
    const sub = createSubscriber(`${FCM}/fcm/send/x`);
    const o = override as Record<string, string>;
    const res = await request('/v1/push/subscription', {
      method: 'POST',
      body: JSON.stringify({
        subscription: {
          endpoint: o.endpoint ?? sub.endpoint,
          keys: { p256dh: o.p256dh ?? sub.p256dh, auth: o.auth ?? sub.auth },
        },
        watches: [
          {
            productId: o.productId ?? PRODUCT,
            currency: o.currency ?? 'USD',
            region: null,
            target: o.target ?? '10',
          },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect(await count('push_subscriptions')).toBe(0);
  });
});

describe('price alerts', () => {
  it('pushes an encrypted, VAPID-signed alert when the confirmed price reaches the target, once per crossing', async () => {
    const sub = createSubscriber(`${FCM}/fcm/send/device-a`);
    await subscribe(sub, [{ productId: PRODUCT, currency: 'USD', region: null, target: '15.00' }]);
    await setDay(today, 1499);

    expect(await runPushAlerts(store.db, vapid, { fetch: service.fetch })).toEqual({
      sent: 1,
      pruned: 0,
      failed: 0,
      rearmed: 0,
    });
    const [msg] = service.delivered;
    expect(msg!.path).toBe('/fcm/send/device-a');
    expect(msg!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(msg!.headers.ttl)).toBeGreaterThan(0);
    expect(verifyVapid(msg!.headers.authorization as string, FCM)).toMatchObject({
      sub: 'mailto:alerts@example.org',
      k: env.VAPID_PUBLIC_KEY,
    });
    expect(JSON.parse(sub.decrypt(msg!.body))).toEqual({
      title: 'Price alert: 14.99 USD',
      body: `Product ${PRODUCT} is at 14.99 USD, at or below your target of 15.00.`,
      productId: PRODUCT,
      alert: { price: '14.99', target: '15.00', currency: 'USD' },
    });

    // Still below the target: no second alert.
    expect((await runPushAlerts(store.db, vapid, { fetch: service.fetch })).sent).toBe(0);
    // Back above, then down again: re-armed, alerts once more.
    await setDay(today, 1899);
    expect((await runPushAlerts(store.db, vapid, { fetch: service.fetch })).rearmed).toBe(1);
    await setDay(today, 1450);
    expect((await runPushAlerts(store.db, vapid, { fetch: service.fetch })).sent).toBe(1);
    expect(service.delivered).toHaveLength(2);
  });

  it('ignores unconfirmed days, other currencies and stale lows', async () => {
    const sub = createSubscriber(`${FCM}/fcm/send/device-b`);
    await subscribe(sub, [
      { productId: PRODUCT, currency: 'USD', region: null, target: '15.00' },
      { productId: PRODUCT, currency: 'EUR', region: null, target: '99.00' },
    ]);
    await setDay(today, 1000, false);
    expect((await runPushAlerts(store.db, vapid, { fetch: service.fetch })).sent).toBe(0);
    await store.pglite.query('DELETE FROM daily_prices');
    await setDay('2020-01-01', 1000);
    expect((await runPushAlerts(store.db, vapid, { fetch: service.fetch })).sent).toBe(0);
    expect(service.delivered).toHaveLength(0);
  });

  it('prunes subscriptions the push service answers 404 or 410 for, and keeps them on 429/5xx', async () => {
    const gone = createSubscriber(`${FCM}/fcm/send/gone`);
    const missing = createSubscriber(`${FCM}/fcm/send/missing`);
    const busy = createSubscriber(`${FCM}/fcm/send/busy`);
    const fine = createSubscriber(`${FCM}/fcm/send/fine`);
    for (const s of [gone, missing, busy, fine]) {
      await subscribe(s, [{ productId: PRODUCT, currency: 'USD', region: null, target: '20.00' }]);
    }
    service.statusFor.set('/fcm/send/gone', 410);
    service.statusFor.set('/fcm/send/missing', 404);
    service.statusFor.set('/fcm/send/busy', 429);
    await setDay(today, 1499);

    expect(await runPushAlerts(store.db, vapid, { fetch: service.fetch })).toEqual({
      sent: 1,
      pruned: 2,
      failed: 1,
      rearmed: 0,
    });
    const { rows } = await store.pglite.query<{ endpoint: string }>(
      'SELECT endpoint FROM push_subscriptions ORDER BY endpoint',
    );
    expect(rows.map((r) => r.endpoint)).toEqual([busy.endpoint, fine.endpoint]);
    expect(await count('push_watches')).toBe(2);

    // The busy one is retried on the next run; the one that got its alert is not.
    service.statusFor.delete('/fcm/send/busy');
    expect((await runPushAlerts(store.db, vapid, { fetch: service.fetch })).sent).toBe(1);
  });
});

describe('push at ingestion', () => {
  /** The Workers execution context: the route hands its after-response work to waitUntil. */
  function executionCtx() {
    const waiting: Promise<unknown>[] = [];
    return {
      waiting,
      ctx: {
        waitUntil: (p: Promise<unknown>) => waiting.push(p),
        passThroughOnException: () => {},
        props: {},
      },
    };
  }

  async function upload(token: string, price: string, productId = PRODUCT): Promise<Promise<unknown>[]> {
    const { waiting, ctx } = executionCtx();
    const headers = new Headers({
      'cf-connecting-ip': '198.51.100.7',
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    });
    const res = await app.request(
      '/v1/observations',
      {
        method: 'POST',
        headers,
        body: JSON.stringify({
          observations: [
            {
              productId,
              skuId: null,
              currency: 'USD',
              region: null,
              price,
              observedAt: new Date(Date.now() - 60_000).toISOString(),
            },
          ],
        }),
      },
      env,
      ctx as unknown as ExecutionContext,
    );
    expect(res.status).toBe(202);
    return waiting;
  }

  async function install(): Promise<string> {
    const res = await request('/v1/installs', { method: 'POST', body: '{}' });
    return ((await res.json()) as { token: string }).token;
  }

  it('pushes when a batch confirms a price at or below a target, after the commit, once per crossing', async () => {
    // The route sends through the global fetch (as on Workers): point push-service hosts at the stand-in.
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      return url.startsWith(FCM) ? service.fetch(url, init ?? {}) : realFetch(input, init);
    });
    try {
      await store.pglite.exec('DELETE FROM observations;');
      const sub = createSubscriber(`${FCM}/fcm/send/at-ingest`);
      await subscribe(sub, [{ productId: PRODUCT, currency: 'USD', region: null, target: '15.00' }]);

      // A batch of products nobody watches: one lookup, no alert run.
      expect(await upload(await install(), '14.99', '1005000000000001')).toEqual([]);

      // One shopper's read is not confirmed yet: nothing is sent.
      await Promise.all(await upload(await install(), '14.99'));
      expect(service.delivered).toHaveLength(0);

      // A second shopper confirms the day at 14.99: the alert goes out from that upload, not the Cron.
      const work = await upload(await install(), '14.99');
      expect(work.length).toBeGreaterThan(0);
      await Promise.all(work);
      expect(service.delivered).toHaveLength(1);
      expect(service.delivered[0]!.path).toBe('/fcm/send/at-ingest');
      expect(JSON.parse(sub.decrypt(service.delivered[0]!.body))).toMatchObject({
        title: 'Price alert: 14.99 USD',
        productId: PRODUCT,
      });

      // A third read at the same price is the same crossing: no second alert.
      await Promise.all(await upload(await install(), '14.99'));
      expect(service.delivered).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
  it('sends one alert when the ingest-time run and the Cron reach the same watch at once', async () => {
    const sub = createSubscriber(`${FCM}/fcm/send/race`);
    await subscribe(sub, [{ productId: PRODUCT, currency: 'USD', region: null, target: '15.00' }]);
    await setDay(today, 1400);
    const runs = await Promise.all([
      runPushAlerts(store.db, vapid, { fetch: service.fetch, products: [PRODUCT] }),
      runPushAlerts(store.db, vapid, { fetch: service.fetch }),
    ]);
    expect(runs.map((r) => r.sent).sort()).toEqual([0, 1]);
    expect(service.delivered).toHaveLength(1);
  });
});
