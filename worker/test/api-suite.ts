/**
 * The API's behaviour, written once and run against both paths: the worker in workerd with PostgreSQL through the
 * Neon driver (api.workerd.test.ts) and the same app on Node with PGlite (api.node.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  contributionsDeleteSchema,
  contributionsExportSchema,
  dealsResponseSchema,
  errorResponseSchema,
  historyResponseSchema,
  ingestResponseSchema,
  installResponseSchema,
  summaryResponseSchema,
} from '../../shared/api.ts';
import { median } from '../../shared/history.ts';
import { installHash, issueToken } from '../src/credentials.ts';
import { type ApiTarget, rowCounts } from './target.ts';

const DAY = 86_400_000;
let productSeq = 0;
/** Unique per run and per call, so tests sharing one database never see each other's series. */
export function newProductId(): string {
  productSeq++;
  return `${1005000000000000 + Math.floor(Math.random() * 1e12) * 100 + productSeq}`;
}

export function item(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    productId: '1005001234567890',
    skuId: null,
    currency: 'USD',
    region: 'US',
    price: '10.00',
    observedAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

export const daysAgo = (n: number, minutes = 60) =>
  new Date(Date.now() - n * DAY - minutes * 60_000).toISOString();

export function apiClient(target: ApiTarget) {
  const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });
  return {
    async register(ip = '198.51.100.1'): Promise<string> {
      const res = await target.fetch('/v1/installs', { method: 'POST', ip });
      expect(res.status).toBe(201);
      return installResponseSchema.parse(await res.json()).token;
    },
    async post(token: string, observations: unknown[]) {
      const { body } = json({ observations });
      return target.fetch('/v1/observations', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    },
    async history(productId: string, query: string) {
      const res = await target.fetch(`/v1/products/${productId}/history?${query}`);
      expect(res.status).toBe(200);
      return historyResponseSchema.parse(await res.json());
    },
    async deals(query: string) {
      const res = await target.fetch(`/v1/deals?${query}`);
      expect(res.status).toBe(200);
      return dealsResponseSchema.parse(await res.json());
    },
  };
}

interface BadCase {
  name: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Use the suite's valid token unless a header is given. */
  auth?: 'valid' | 'none';
  status: number;
  code: string;
  /** For 422: the rejection code of item 0. */
  rejection?: string;
}

const bigBody = () => `{"observations":[${'"x",'.repeat(2_700_000)}"x"]}`; // ≈ 10.8 MB

function itemCase(
  name: string,
  overrides: Record<string, unknown>,
  rejection: string,
  drop: string[] = [],
): BadCase {
  const o = item(overrides);
  for (const k of drop) delete o[k];
  return {
    name,
    body: JSON.stringify({ observations: [o] }),
    status: 422,
    code: 'no_valid_observations',
    rejection,
  };
}

export function badInputCases(secret: string): Promise<BadCase[]> {
  const uuid = '3f2a9c1e-8b7d-4e6f-9a1b-2c3d4e5f6a7b';
  return Promise.all([
    issueToken(secret, uuid, Date.now() - 1000),
    issueToken('another-secret-another-secret-another-secret', uuid, Date.now() + DAY),
    issueToken(secret, uuid, Date.now() + DAY),
  ]).then(([expired, otherSecret, unregistered]) => {
    const bearer = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
    const ok = JSON.stringify({ observations: [item()] });
    const cases: BadCase[] = [
      // Envelope and transport
      { name: 'malformed JSON', body: '{"observations": [', status: 400, code: 'invalid_json' },
      { name: 'empty body', body: '', status: 400, code: 'invalid_json' },
      { name: 'trailing garbage', body: `${ok}xyz`, status: 400, code: 'invalid_json' },
      { name: 'JSON null', body: 'null', status: 400, code: 'bad_request' },
      { name: 'JSON array', body: '[]', status: 400, code: 'bad_request' },
      { name: 'JSON string', body: '"observations"', status: 400, code: 'bad_request' },
      { name: 'observations is an object', body: '{"observations":{}}', status: 400, code: 'bad_request' },
      { name: 'observations is empty', body: '{"observations":[]}', status: 400, code: 'bad_request' },
      { name: 'observations missing', body: '{}', status: 400, code: 'bad_request' },
      {
        name: 'extra top-level field',
        body: `{"observations":[],"ip":"1.2.3.4"}`,
        status: 400,
        code: 'bad_request',
      },
      {
        name: '501 items',
        body: JSON.stringify({ observations: Array.from({ length: 501 }, () => item()) }),
        status: 413,
        code: 'payload_too_large',
      },
      { name: '10 MB body', body: bigBody(), status: 413, code: 'payload_too_large' },
      {
        name: 'text/plain content type',
        body: ok,
        headers: { authorization: 'x', 'content-type': 'text/plain' },
        auth: 'valid',
        status: 415,
        code: 'unsupported_media_type',
      },
      // Credentials
      { name: 'missing token', body: ok, auth: 'none', status: 401, code: 'unauthorized' },
      {
        name: 'Basic scheme',
        body: ok,
        headers: { authorization: 'Basic YTpi' },
        status: 401,
        code: 'unauthorized',
      },
      { name: 'malformed token', body: ok, headers: bearer('abc'), status: 401, code: 'unauthorized' },
      { name: 'expired token', body: ok, headers: bearer(expired.token), status: 401, code: 'unauthorized' },
      {
        name: 'token of another secret',
        body: ok,
        headers: bearer(otherSecret.token),
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'tampered token expiry',
        body: ok,
        headers: bearer(unregistered.token.replace(/\.(\d+)\./, (_m, e) => `.${Number(e) + 1}.`)),
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'well-signed token of no install',
        body: ok,
        headers: bearer(unregistered.token),
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'SQL in the token',
        body: ok,
        headers: { authorization: "Bearer ' OR 1=1 --", 'content-type': 'application/json' },
        status: 401,
        code: 'unauthorized',
      },
      // Items (each alone in its batch, so nothing is valid: 422 with the reason)
      itemCase('productId missing', {}, 'invalid_product_id', ['productId']),
      itemCase('productId as a number', { productId: 1005001 }, 'invalid_product_id'),
      itemCase('productId with letters', { productId: '10050abc' }, 'invalid_product_id'),
      itemCase('productId SQL', { productId: '1; DROP TABLE observations; --' }, 'invalid_product_id'),
      itemCase('productId script', { productId: '<script>alert(1)</script>' }, 'invalid_product_id'),
      itemCase('productId 30 digits', { productId: '1'.repeat(30) }, 'invalid_product_id'),
      itemCase('skuId missing', {}, 'invalid_sku_id', ['skuId']),
      itemCase('skuId as a number', { skuId: 12345 }, 'invalid_sku_id'),
      itemCase('skuId SQL', { skuId: "12' OR '1'='1" }, 'invalid_sku_id'),
      itemCase('unknown currency', { currency: 'XYZ' }, 'invalid_currency'),
      itemCase('lowercase currency', { currency: 'usd' }, 'invalid_currency'),
      itemCase('currency missing', {}, 'invalid_currency', ['currency']),
      itemCase('three-letter region', { region: 'USA' }, 'invalid_region'),
      itemCase('region script', { region: '<b>' }, 'invalid_region'),
      itemCase('negative price', { price: '-1.00' }, 'invalid_price'),
      itemCase('zero price', { price: '0' }, 'invalid_price'),
      itemCase('zero price with decimals', { price: '0.00' }, 'invalid_price'),
      itemCase('NaN price', { price: 'NaN' }, 'invalid_price'),
      itemCase('Infinity price', { price: 'Infinity' }, 'invalid_price'),
      itemCase('1e30 price', { price: '1e30' }, 'invalid_price'),
      itemCase('30-digit price', { price: '1'.padEnd(31, '0') }, 'invalid_price'),
      itemCase('numeric price', { price: 12.34 }, 'invalid_price'),
      itemCase('decimal comma', { price: '12,34' }, 'invalid_price'),
      itemCase('empty price', { price: '' }, 'invalid_price'),
      itemCase('three decimals in USD', { price: '12.345' }, 'invalid_price'),
      itemCase('decimals in JPY', { currency: 'JPY', price: '100.5' }, 'invalid_price'),
      itemCase('negative original price', { originalPrice: '-5' }, 'invalid_original_price'),
      itemCase('zero original price', { originalPrice: '0' }, 'invalid_original_price'),
      itemCase('text shipping', { shipping: 'free' }, 'invalid_shipping'),
      itemCase('observedAt words', { observedAt: 'yesterday' }, 'invalid_observed_at'),
      itemCase('observedAt missing', {}, 'invalid_observed_at', ['observedAt']),
      itemCase('observedAt date only', { observedAt: '2026-11-20' }, 'invalid_observed_at'),
      itemCase('observedAt epoch number', { observedAt: Date.now() }, 'invalid_observed_at'),
      itemCase('observedAt 31 days old', { observedAt: daysAgo(31) }, 'too_old'),
      itemCase(
        'observedAt 10 min ahead',
        { observedAt: new Date(Date.now() + 600_000).toISOString() },
        'in_future',
      ),
      itemCase('unknown flag', { flags: ['free-money'] }, 'invalid_flags'),
      itemCase('flags not a list', { flags: 'lot' }, 'invalid_flags'),
      itemCase('unknown item field', { userAgent: 'Mozilla/5.0' }, 'invalid_item'),
      {
        name: 'item null',
        body: '{"observations":[null]}',
        status: 422,
        code: 'no_valid_observations',
        rejection: 'invalid_item',
      },
      {
        name: 'item string',
        body: '{"observations":["x"]}',
        status: 422,
        code: 'no_valid_observations',
        rejection: 'invalid_item',
      },
      {
        name: 'item array',
        body: '{"observations":[[1]]}',
        status: 422,
        code: 'no_valid_observations',
        rejection: 'invalid_item',
      },
      // Reads
      ...[
        ['history without currency', '/v1/products/1005001/history'],
        ['history unknown currency', '/v1/products/1005001/history?currency=ABC'],
        ['history product id with letters', '/v1/products/abc/history?currency=USD'],
        ['history product id SQL', `/v1/products/${encodeURIComponent("1' OR 1=1")}/history?currency=USD`],
        ['history days=0', '/v1/products/1005001/history?currency=USD&days=0'],
        ['history days=1000', '/v1/products/1005001/history?currency=USD&days=1000'],
        ['history days=abc', '/v1/products/1005001/history?currency=USD&days=abc'],
        ['history bad region', '/v1/products/1005001/history?currency=USD&region=usa'],
        ['history unknown parameter', '/v1/products/1005001/history?currency=USD&user=me'],
        ['summary negative price', '/v1/products/1005001/summary?currency=USD&price=-1'],
        ['summary price too precise', '/v1/products/1005001/summary?currency=JPY&price=1.5'],
        ['deals limit 1000', '/v1/deals?currency=USD&limit=1000'],
        ['deals without currency', '/v1/deals'],
      ].map(
        ([name, path]): BadCase => ({
          name: name!,
          method: 'GET',
          path: path!,
          status: 400,
          code: 'bad_request',
        }),
      ),
      // Routes and methods
      { name: 'unknown route', method: 'GET', path: '/v1/nope', status: 404, code: 'not_found' },
      { name: 'unknown root route', method: 'GET', path: '/admin', status: 404, code: 'not_found' },
      { name: 'GET observations', method: 'GET', status: 405, code: 'method_not_allowed' },
      { name: 'PUT observations', method: 'PUT', body: ok, status: 405, code: 'method_not_allowed' },
      { name: 'PUT installs', method: 'PUT', path: '/v1/installs', status: 405, code: 'method_not_allowed' },
      {
        name: 'PATCH contributions',
        method: 'PATCH',
        path: '/v1/contributions',
        status: 405,
        code: 'method_not_allowed',
      },
      { name: 'DELETE health', method: 'DELETE', path: '/health', status: 405, code: 'method_not_allowed' },
      {
        name: 'install with personal data',
        method: 'POST',
        path: '/v1/installs',
        body: '{"email":"a@b.c"}',
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'bad_request',
      },
      {
        name: 'install with malformed JSON',
        method: 'POST',
        path: '/v1/installs',
        body: '{',
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'invalid_json',
      },
      {
        name: 'erase without token',
        method: 'DELETE',
        path: '/v1/contributions',
        auth: 'none',
        status: 401,
        code: 'unauthorized',
      },
      {
        name: 'export with forged token',
        method: 'GET',
        path: '/v1/contributions',
        headers: bearer(otherSecret.token),
        status: 401,
        code: 'unauthorized',
      },
    ];
    return cases;
  });
}

export function apiSuite(getTarget: () => ApiTarget) {
  let target: ApiTarget;
  let client: ReturnType<typeof apiClient>;
  let token: string;
  let cases: BadCase[];

  beforeAll(async () => {
    target = getTarget();
    client = apiClient(target);
    token = await client.register();
    cases = await badInputCases(target.installSecret);
  });

  describe('health', () => {
    it('reports the database', async () => {
      const res = await target.fetch('/health');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
    });
  });

  describe('bad input: the right 4xx and no row changed', () => {
    it('has at least 50 kinds of bad input', async () => {
      expect(cases.length).toBeGreaterThanOrEqual(50);
    });

    it('rejects every kind', async () => {
      const failures: string[] = [];
      for (const c of cases) {
        const before = await rowCounts(target);
        const method = c.method ?? 'POST';
        const headers: Record<string, string> = c.headers
          ? { ...c.headers }
          : c.auth === 'none'
            ? { 'content-type': 'application/json' }
            : { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        if (c.auth === 'valid') headers.authorization = `Bearer ${token}`;
        const res = await target.fetch(c.path ?? '/v1/observations', {
          method,
          headers,
          ...(c.body !== undefined && method !== 'GET' ? { body: c.body } : {}),
        });
        const text = await res.text();
        const after = await rowCounts(target);
        let body: ReturnType<typeof errorResponseSchema.parse> | null = null;
        try {
          body = errorResponseSchema.parse(JSON.parse(text));
        } catch {
          // reported below
        }
        const problems = [
          res.status !== c.status && `status ${res.status} (want ${c.status})`,
          body?.error.code !== c.code && `code ${body?.error.code ?? text.slice(0, 120)} (want ${c.code})`,
          c.rejection &&
            body?.error.rejected?.[0]?.code !== c.rejection &&
            `rejection ${JSON.stringify(body?.error.rejected)} (want ${c.rejection})`,
          JSON.stringify(before) !== JSON.stringify(after) &&
            `rows changed ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
        ].filter(Boolean);
        if (problems.length) failures.push(`${c.name}: ${problems.join('; ')}`);
      }
      expect(failures).toEqual([]);
    });

    it('stores nothing when a SQL-looking value is refused, and the tables survive', async () => {
      const res = await client.post(token, [item({ productId: "1'); DELETE FROM observations; --" })]);
      expect(res.status).toBe(422);
      expect((await rowCounts(target)).contributors).toBeGreaterThan(0);
    });
  });

  describe('ingest', () => {
    it('keeps valid items, rejects invalid ones one by one, and counts duplicates once', async () => {
      const p = newProductId();
      const at = new Date(Date.now() - 120_000).toISOString();
      const batch = [
        item({ productId: p, observedAt: at }),
        item({ productId: p, price: 'oops' }),
        item({ productId: p, observedAt: at }),
        item({
          productId: p,
          skuId: '12000000000000000001',
          price: '11.50',
          shipping: '1.99',
          originalPrice: '20.00',
        }),
        null,
      ];
      const before = await rowCounts(target);
      const res = await client.post(token, batch);
      expect(res.status).toBe(202);
      const body = ingestResponseSchema.parse(await res.json());
      expect(body).toEqual({
        accepted: 2,
        duplicates: 1,
        rejected: [
          { index: 1, code: 'invalid_price' },
          { index: 4, code: 'invalid_item' },
        ],
      });
      const again = ingestResponseSchema.parse(
        await (await client.post(token, [item({ productId: p, observedAt: at })])).json(),
      );
      expect(again).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
      const after = await rowCounts(target);
      expect(after.observations - before.observations).toBe(2);
      expect(after.dailyPrices - before.dailyPrices).toBe(2);
    });

    it('ramps quotas: a new credential gets 200 observations on its first day', async () => {
      const fresh = await client.register('198.51.100.2');
      const p = newProductId();
      const many = Array.from({ length: 250 }, (_, i) => item({ productId: p, price: `${10 + i}.00` }));
      const res = await client.post(fresh, many);
      expect(res.status).toBe(202);
      const body = ingestResponseSchema.parse(await res.json());
      expect(body.accepted).toBe(200);
      expect(body.rejected).toHaveLength(50);
      expect(body.rejected.every((r) => r.code === 'quota_exceeded' && r.index >= 200)).toBe(true);

      const before = await rowCounts(target);
      const more = await client.post(fresh, [item({ productId: p, price: '99.00' })]);
      expect(more.status).toBe(429);
      expect(more.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(errorResponseSchema.parse(await more.json()).error.code).toBe('quota_exceeded');
      expect(await rowCounts(target)).toEqual(before);

      // A credential a week old has a bigger allowance.
      const hash = await installHash(target.installSecret, fresh.split('.')[0]!);
      await target.query(
        `UPDATE contributors SET created_at = now() - interval '7 days' WHERE install_hash = $1`,
        [hash],
      );
      const later = await client.post(fresh, [item({ productId: p, price: '98.00' })]);
      expect(later.status).toBe(202);
    });
  });

  describe('daily rollups', () => {
    it('gives each contributor one vote and confirms a day seen by two', async () => {
      const p = newProductId();
      const a = await client.register();
      const b = await client.register();
      await client.post(
        a,
        ['10.00', '11.00', '12.00', '13.00', '14.00'].map((price) => item({ productId: p, price })),
      );
      let h = await client.history(p, 'currency=USD&region=US');
      expect(h.days).toHaveLength(1);
      expect(h.days[0]).toMatchObject({
        median: '12.00',
        observations: 5,
        contributors: 1,
        confirmed: false,
      });
      await client.post(b, [item({ productId: p, price: '20.00' })]);
      h = await client.history(p, 'currency=USD&region=US');
      expect(h.days[0]).toMatchObject({
        min: '12.00',
        median: '16.00',
        max: '20.00',
        observations: 6,
        contributors: 2,
        confirmed: true,
      });
    });

    it('loses no vote when contributors upload the same series-day at the same moment', async () => {
      const p = newProductId();
      const tokens = await Promise.all(Array.from({ length: 8 }, () => client.register()));
      const responses = await Promise.all(
        tokens.map((t, i) => client.post(t, [item({ productId: p, price: `${20 + i}.00` })])),
      );
      expect(responses.map((r) => r.status)).toEqual(tokens.map(() => 202));
      const h = await client.history(p, 'currency=USD&region=US');
      expect(h.days).toEqual([
        expect.objectContaining({
          min: '20.00',
          median: '23.50',
          max: '27.00',
          observations: 8,
          contributors: 8,
        }),
      ]);
    });

    it('keeps every rollup row equal to its raw reads when uploads race over the same series-days', async () => {
      const products = Array.from({ length: 6 }, () => newProductId());
      const tokens = await Promise.all(Array.from({ length: 8 }, () => client.register()));
      for (let round = 0; round < 2; round++) {
        const responses = await Promise.all(
          tokens.map((t, i) =>
            client.post(
              t,
              products.flatMap((p, j) => [
                item({ productId: p, price: `${20 + ((i + j + round) % 5)}.00` }),
                item({ productId: p, skuId: '12000000001', price: `${30 + ((i * j + round) % 3)}.00` }),
              ]),
            ),
          ),
        );
        expect(responses.map((r) => r.status)).toEqual(tokens.map(() => 202));
      }
      // The counted reads each row keeps (rollup.ts) are exactly its raw reads: no upload lost a race silently.
      const rows = await target.query<{ same: boolean; contributors: number }>(
        `SELECT dp.contributors,
                dp.reads = coalesce((SELECT array(SELECT unnest(array_agg(
                           ARRAY[o.contributor_id, o.price, (cardinality(o.flags) > 0)::int]
                           ORDER BY o.contributor_id, o.price)))
                         FROM observations o
                         WHERE o.product_id = dp.product_id AND o.currency = dp.currency AND o.region = dp.region
                           AND o.sku_id = dp.sku_id AND o.day = dp.day), '{}') AS same
         FROM daily_prices dp WHERE dp.product_id = ANY($1)`,
        [products],
      );
      expect(rows).toHaveLength(12);
      expect(rows.map((r) => [r.same, Number(r.contributors)])).toEqual(rows.map(() => [true, 8]));
      const h = await client.history(products[0]!, 'currency=USD&region=US');
      expect(h.days).toEqual([
        expect.objectContaining({ observations: 16, contributors: 8, confirmed: true }),
      ]);
    });

    it('holds back a price far from the confirmed median until a second contributor agrees', async () => {
      const p = newProductId();
      const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => client.register()));
      for (const t of [a!, b!]) {
        await client.post(
          t,
          [1, 2, 3].map((n) => item({ productId: p, price: '100.00', observedAt: daysAgo(n) })),
        );
      }
      await client.post(c!, [item({ productId: p, price: '50.00' })]);
      let h = await client.history(p, 'currency=USD&region=US');
      expect(h.days.map((x) => x.median)).toEqual(['100.00', '100.00', '100.00']);
      await client.post(d!, [item({ productId: p, price: '50.10' })]);
      h = await client.history(p, 'currency=USD&region=US');
      expect(h.days).toHaveLength(4);
      expect(h.days[3]).toMatchObject({ median: '50.05', contributors: 2, confirmed: true });
    });

    it('separates series by SKU, region and currency, and answers JPY without decimals', async () => {
      const p = newProductId();
      await client.post(token, [
        item({ productId: p, currency: 'JPY', region: 'JP', price: '1500' }),
        item({ productId: p, currency: 'JPY', region: null, price: '1600' }),
        item({ productId: p, currency: 'JPY', region: 'JP', skuId: '12345678901234567890', price: '1700' }),
      ]);
      const jp = await client.history(p, 'currency=JPY&region=JP');
      expect(jp.days.map((x) => x.median)).toEqual(['1500']);
      const none = await client.history(p, 'currency=JPY');
      expect(none).toMatchObject({ region: null, sku: null });
      expect(none.days.map((x) => x.median)).toEqual(['1600']);
      const sku = await client.history(p, 'currency=JPY&region=JP&sku=12345678901234567890');
      expect(sku.days.map((x) => x.median)).toEqual(['1700']);
      expect((await client.history(p, 'currency=USD&region=JP')).days).toEqual([]);
    });
  });

  describe('summary and deals', () => {
    it('summarises with shared/history.ts and judges a page claim', async () => {
      const p = newProductId();
      const [a, b] = await Promise.all([client.register(), client.register()]);
      for (const t of [a, b]) {
        await client.post(
          t,
          Array.from({ length: 20 }, (_, i) =>
            item({ productId: p, price: i < 10 ? '30.00' : '25.00', observedAt: daysAgo(i) }),
          ),
        );
      }
      const res = await target.fetch(`/v1/products/${p}/summary?currency=USD&region=US`);
      expect(res.status).toBe(200);
      const s = summaryResponseSchema.parse(await res.json()).summary!;
      expect(s.current.price).toBe('30.00');
      expect(s.lowest).toEqual({ allTime: '25.00', days30: '25.00', days90: '25.00' });
      expect(s.highest).toBe('30.00');
      expect(s.verdict.kind).toBe('none');
      const judged = await target.fetch(
        `/v1/products/${p}/summary?currency=USD&region=US&price=29.00&originalPrice=90.00`,
      );
      const j = summaryResponseSchema.parse(await judged.json()).summary!;
      expect(j.current.price).toBe('29.00');
      expect(j.verdict.kind).toBe('insufficient-data');
      const empty = await target.fetch(`/v1/products/${newProductId()}/summary?currency=USD`);
      expect(summaryResponseSchema.parse(await empty.json()).summary).toBeNull();
    });

    it('summarises confirmed days only: one contributor cannot fake a drop', async () => {
      const p = newProductId();
      const [a, b, lone] = await Promise.all([client.register(), client.register(), client.register()]);
      for (const t of [a, b]) {
        await client.post(
          t,
          [1, 2, 3, 4, 5].map((d) => item({ productId: p, price: '30.00', observedAt: daysAgo(d) })),
        );
      }
      // 20 % below the confirmed median: not far enough to be held back, so history shows it (unconfirmed).
      expect((await client.post(lone, [item({ productId: p, price: '24.00' })])).status).toBe(202);
      const h = await client.history(p, 'currency=USD&region=US');
      expect(h.days.at(-1)).toEqual(expect.objectContaining({ median: '24.00', confirmed: false }));
      const res = await target.fetch(`/v1/products/${p}/summary?currency=USD&region=US`);
      const s = summaryResponseSchema.parse(await res.json()).summary!;
      expect(s.current.price).toBe('30.00');
      expect(s.lowest.allTime).toBe('30.00');
      // The five confirmed days, not today's lone read.
      expect(s.observedDays).toBe(5);
    });

    it('lists a confirmed drop as a deal, but not a flagged one', async () => {
      const real = newProductId();
      const flagged = newProductId();
      const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => client.register()));
      for (const t of [a!, b!]) {
        await client.post(
          t,
          [real, flagged].flatMap((p) =>
            Array.from({ length: 12 }, (_, i) =>
              item({ productId: p, currency: 'EUR', price: '100.00', observedAt: daysAgo(i + 1) }),
            ),
          ),
        );
      }
      for (const t of [c!, d!]) {
        await client.post(t, [
          item({ productId: real, currency: 'EUR', price: '70.00' }),
          item({ productId: flagged, currency: 'EUR', price: '70.00', flags: ['flash-deal'] }),
        ]);
      }
      const { deals } = await client.deals('currency=EUR&region=US&limit=100');
      const mine = deals.filter((x) => x.productId === real || x.productId === flagged);
      expect(mine).toEqual([
        {
          productId: real,
          sku: null,
          day: expect.any(String),
          price: '70.00',
          typical: '100.00',
          dropPct: 30,
          contributors: 2,
        },
      ]);
    });

    it('Sybil: 20% of contributors reporting a fake low price move the median < 1% and make no deal', async () => {
      const p = newProductId();
      const honest = 40;
      const fake = 10;
      const days = 11;
      const tokens = await Promise.all(
        Array.from({ length: honest + fake }, (_, i) => client.register(`203.0.113.${i}`)),
      );
      // Honest shoppers see the same price give or take currency rounding (±0.5%); the fakes claim 55.
      const honestPrice = (i: number, d: number) => 10_000 + (((i * 37 + d * 11) % 101) - 50);
      const order = tokens
        .map((t, i) => ({ t, i }))
        .sort((x, y) => ((x.i * 7919) % 53) - ((y.i * 7919) % 53));
      for (const { t, i } of order) {
        const isFake = i >= honest;
        await client.post(
          t,
          Array.from({ length: days }, (_, d) =>
            item({
              productId: p,
              currency: 'GBP',
              price: isFake ? '55.00' : (honestPrice(i, d) / 100).toFixed(2),
              observedAt: daysAgo(d, 30),
            }),
          ),
        );
      }
      const h = await client.history(p, 'currency=GBP&region=US');
      expect(h.days).toHaveLength(days);
      for (const day of h.days) {
        const d = h.days.length - 1 - h.days.indexOf(day);
        const truth = median(Array.from({ length: honest }, (_, i) => honestPrice(i, d)));
        const published = Math.round(Number(day.median) * 100);
        expect(Math.abs(published - truth) / truth).toBeLessThan(0.01);
        expect(day.contributors).toBe(honest);
      }
      const { deals } = await client.deals('currency=GBP&region=US&limit=100');
      expect(deals.filter((x) => x.productId === p)).toEqual([]);
    });
  });

  describe('contributions (GDPR)', () => {
    it('exports everything a credential sent and erases it, recomputing the rollups', async () => {
      const p = newProductId();
      const [mine, other] = await Promise.all([client.register(), client.register()]);
      await client.post(mine, [
        item({ productId: p, price: '10.00', shipping: '2.50', originalPrice: '15.00', flags: ['lot'] }),
        item({ productId: p, price: '10.00', observedAt: daysAgo(1) }),
      ]);
      await client.post(other, [item({ productId: p, price: '12.00' })]);
      const auth = { authorization: `Bearer ${mine}` };
      const exported = contributionsExportSchema.parse(
        await (await target.fetch('/v1/contributions', { headers: auth })).json(),
      );
      expect(exported.count).toBe(2);
      expect(exported.contributions[1]).toMatchObject({
        productId: p,
        price: '10.00',
        shipping: '2.50',
        flags: ['lot'],
      });

      const erased = await target.fetch('/v1/contributions', { method: 'DELETE', headers: auth });
      expect(erased.status).toBe(200);
      expect(contributionsDeleteSchema.parse(await erased.json())).toEqual({
        deleted: 2,
        rollupsRecomputed: 2,
      });
      const h = await client.history(p, 'currency=USD&region=US');
      expect(h.days).toEqual([
        expect.objectContaining({ median: '12.00', contributors: 1, confirmed: false }),
      ]);
      const after = contributionsExportSchema.parse(
        await (await target.fetch('/v1/contributions', { headers: auth })).json(),
      );
      expect(after.count).toBe(0);
    });
  });

  describe('privacy', () => {
    it('keeps only an HMAC of the install id, and no address or user agent', async () => {
      const res = await target.fetch('/v1/installs', {
        method: 'POST',
        headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)' },
        ip: '192.0.2.55',
      });
      const { installId } = installResponseSchema.parse(await res.json());
      const stored = await target.query<{ install_hash: string }>(
        'SELECT install_hash FROM contributors ORDER BY id DESC LIMIT 1',
      );
      expect(stored[0]!.install_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0]!.install_hash).not.toContain(installId.replace(/-/g, ''));
      const columns = await target.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      const names = columns.map((c) => c.column_name);
      expect(names.filter((n) => /(^|_)ip($|_)|addr|agent|email/i.test(n))).toEqual([]);
      const leaks = await target.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM contributors WHERE install_hash = $1 OR install_hash LIKE '%192.0.2.55%'`,
        [installId],
      );
      expect(Number(leaks[0]!.n)).toBe(0);
    });

    it('answers CORS only for the configured origins', async () => {
      const preflight = (origin: string) =>
        target.fetch('/v1/observations', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization',
          },
        });
      const ext = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
      expect(ext.headers.get('access-control-allow-origin')).toBe(
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      );
      const firefox = await preflight('moz-extension://0b6b1a8e-3f7c-4c1e-9a4e-2f0f6f1d2c3b');
      expect(firefox.headers.get('access-control-allow-origin')).toBe(
        'moz-extension://0b6b1a8e-3f7c-4c1e-9a4e-2f0f6f1d2c3b',
      );
      const evil = await preflight('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      const read = await target.fetch('/health', { headers: { origin: 'https://evil.example' } });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
}
