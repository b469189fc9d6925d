/**
 * /v1/resolve against a loopback stand-in for AliExpress: the injected fetch sends every request to a local HTTP
 * server and tells it which host was asked for, so redirects, loops and time limits run over real HTTP with no
 * internet. Runs on Node (it starts a server).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppEnv } from '../app-env.ts';
import { ApiError, errorResponse } from '../errors.ts';
import { allowedHop, createResolveRoute, type FetchLike, followShortLink, ResolveError } from './resolve.ts';

type Handler = (path: string) => { status: number; headers?: Record<string, string>; body?: string } | 'hang';

const routes = new Map<string, Handler>();
const requested: string[] = [];
let server: Server;
let port = 0;

function on(host: string, handler: Handler): void {
  routes.set(host, handler);
}
const redirect = (location: string, status = 302) => ({ status, headers: { location } });

/** The injected fetch: `https://host/path` goes to the stand-in with the host in a header. */
const standInFetch: FetchLike = (input, init) => {
  const url = new URL(input);
  return fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-stand-in-host': url.host },
  });
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const host = String(req.headers['x-stand-in-host']);
    requested.push(`${host}${req.url}`);
    const out = routes.get(host)?.(req.url ?? '/') ?? { status: 404 };
    if (out === 'hang') return; // never answers: the time limit must end it
    res.writeHead(out.status, out.headers);
    res.end(out.body ?? '');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

beforeEach(() => {
  routes.clear();
  requested.length = 0;
});

const opts = { fetch: standInFetch, maxHops: 5, timeoutMs: 2_000 };

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResolveError) return err.reason;
    throw err;
  }
  return 'resolved';
}

describe('followShortLink', () => {
  it('follows the app share chain to the item page without requesting the item page', async () => {
    on('a.aliexpress.com', (p) =>
      p === '/_mKq1aBc' ? redirect('https://s.click.aliexpress.com/e/_DlXyZ') : { status: 404 },
    );
    on('s.click.aliexpress.com', () =>
      redirect('https://www.aliexpress.com/item/1005005424987520.html?aff_fcid=x&sk=_DlXyZ', 301),
    );
    const out = await followShortLink('https://a.aliexpress.com/_mKq1aBc', opts);
    expect(out).toEqual({
      productId: '1005005424987520',
      url: 'https://www.aliexpress.com/item/1005005424987520.html?aff_fcid=x&sk=_DlXyZ',
      hops: 2,
    });
    expect(requested).toEqual(['a.aliexpress.com/_mKq1aBc', 's.click.aliexpress.com/e/_DlXyZ']);
  });

  it('reads relative redirects, us ids, redirect parameters and landing pages', async () => {
    on('a.aliexpress.com', (p) =>
      p === '/_rel'
        ? redirect('/_next')
        : p === '/_next'
          ? redirect('http://m.aliexpress.us/item/3256803382674519.html')
          : redirect(
              `https://star.aliexpress.com/share/share.htm?redirectUrl=${encodeURIComponent('https://www.aliexpress.com/item/1739481085.html')}`,
            ),
    );
    expect((await followShortLink('https://a.aliexpress.com/_rel', opts)).productId).toBe('1005003568989271');
    expect((await followShortLink('https://a.aliexpress.com/_param', opts)).productId).toBe('1739481085');

    on('s.click.aliexpress.com', () => ({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><head><link rel="canonical" href="https://es.aliexpress.com/item/1005006180026951.html"></head></html>',
    }));
    expect((await followShortLink('https://s.click.aliexpress.com/e/_land', opts)).productId).toBe(
      '1005006180026951',
    );
  });

  it('refuses a redirect off the allow-list and never requests it', async () => {
    on('a.aliexpress.com', () => redirect('https://evil.example/steal'));
    on('evil.example', () => ({
      status: 200,
      body: '<link rel="canonical" href="https://www.aliexpress.com/item/1.html">',
    }));
    expect(await reason(followShortLink('https://a.aliexpress.com/_x', opts))).toBe('off-allow-list');
    expect(requested).toEqual(['a.aliexpress.com/_x']);
  });

  it.each([
    'http://127.0.0.1:8787/v1/contributions',
    'http://169.254.169.254/latest/meta-data/',
    'https://www.aliexpress.com:8443/item/1.html',
    'https://user:pw@a.aliexpress.com/_x',
    'https://aliexpress.com.evil.example/_x',
    'file:///etc/passwd',
  ])('refuses to hop to %s', async (location) => {
    on('a.aliexpress.com', () => redirect(location));
    expect(await reason(followShortLink('https://a.aliexpress.com/_x', opts))).toBe('off-allow-list');
    expect(requested).toHaveLength(1);
  });

  it('refuses a landing page whose canonical link leaves AliExpress', async () => {
    on('a.aliexpress.com', () => ({
      status: 200,
      body: '<link rel="canonical" href="https://evil.example/item/1005.html">',
    }));
    expect(await reason(followShortLink('https://a.aliexpress.com/_x', opts))).toBe('no-product');
  });

  it('stops loops and long chains', async () => {
    on('a.aliexpress.com', () => redirect('https://s.click.aliexpress.com/e/_b'));
    on('s.click.aliexpress.com', () => redirect('https://a.aliexpress.com/_a'));
    expect(await reason(followShortLink('https://a.aliexpress.com/_a', opts))).toBe('loop');
    expect(requested).toHaveLength(2);

    requested.length = 0;
    on('a.aliexpress.com', (p) => redirect(`/_${Number(p.slice(2)) + 1}`));
    expect(await reason(followShortLink('https://a.aliexpress.com/_0', opts))).toBe('too-many-hops');
    expect(requested).toHaveLength(5);
  });

  it('gives up when AliExpress does not answer in time', async () => {
    on('a.aliexpress.com', () => 'hang');
    expect(await reason(followShortLink('https://a.aliexpress.com/_slow', { ...opts, timeoutMs: 150 }))).toBe(
      'timeout',
    );
  });

  it('refuses to start anywhere but AliExpress, without any request', async () => {
    for (const start of [
      'https://evil.example/_x',
      'http://127.0.0.1/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(await reason(followShortLink(start, opts))).toBe('not-short-link');
    }
    expect(requested).toEqual([]);
  });

  it('allowedHop upgrades http and keeps only AliExpress hosts', () => {
    expect(allowedHop('http://a.aliexpress.com/_x#frag')?.href).toBe('https://a.aliexpress.com/_x');
    expect(allowedHop('https://aliexpress.ru/item/1.html')).not.toBeNull();
    expect(allowedHop('https://xn--aliexpres-t4a.com/')).toBeNull();
  });
});

describe('GET /v1/resolve', () => {
  const app = new Hono<AppEnv>()
    .route('/v1/resolve', createResolveRoute(standInFetch))
    .onError((err, c) => (err instanceof ApiError ? errorResponse(c, err) : c.text('boom', 500)));

  it('answers the product id', async () => {
    on('a.aliexpress.com', () => redirect('https://www.aliexpress.com/item/1005005424987520.html'));
    const res = await app.request(`/v1/resolve?url=${encodeURIComponent('https://a.aliexpress.com/_ok')}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ productId: '1005005424987520', hops: 1 });
  });

  it('maps refusals to 4xx/5xx JSON errors', async () => {
    on('a.aliexpress.com', () => redirect('https://evil.example/'));
    const off = await app.request(`/v1/resolve?url=${encodeURIComponent('https://a.aliexpress.com/_bad')}`);
    expect(off.status).toBe(422);
    expect(await off.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect((await app.request('/v1/resolve?url=https%3A%2F%2Fevil.example%2F')).status).toBe(400);
    expect((await app.request('/v1/resolve')).status).toBe(400);
    expect((await app.request(`/v1/resolve?url=${'a'.repeat(3000)}`)).status).toBe(400);
  });
});
