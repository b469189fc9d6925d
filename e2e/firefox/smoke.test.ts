import type { Page } from 'puppeteer-core';
import { describe, expect, it, vi } from 'vitest';
import { expectedCase, fixtureText, PAGES } from '../pages.ts';
import { PDP_ENDPOINT, pdpResponseText, todayPage } from '../today-page.ts';
import { firefoxWithBuild } from './launch.ts';
import { ANSWER, ASK, buildWithProbe } from './probe.ts';

/** Issue 2 item 7: the built Firefox extension in a real Firefox ESR, on real saved pages. */

interface ProductReply {
  ok: boolean;
  error?: string;
  data: {
    product: { id: string; currency: string };
    current: { price: number } | null;
    skus: { skuId: string; price: number | null }[];
  } | null;
}

const firefox = firefoxWithBuild(buildWithProbe);
const served = new Map<string, { body: string; contentType: string }>();

async function openServed(url: string): Promise<Page> {
  const page = await firefox().newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    const bare = url.split('?')[0]!;
    // The pdp endpoint answers JSONP the way mtop does: wrapped in the callback the request names.
    const callback = bare === PDP_ENDPOINT ? /[?&]callback=([\w$]+)/.exec(url)?.[1] : undefined;
    if (callback) {
      void request.respond({
        status: 200,
        contentType: 'application/javascript',
        body: `${callback}(${pdpResponseText()})`,
      });
      return;
    }
    const hit = served.get(bare);
    if (hit) void request.respond({ status: 200, contentType: hit.contentType, body: hit.body });
    else void request.abort('blockedbyclient');
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page;
}

async function askBackground(page: Page, productId: string): Promise<ProductReply> {
  await page.evaluate(
    (answer, ask, id) => {
      document.documentElement.removeAttribute(answer);
      document.documentElement.setAttribute(ask, id);
    },
    ANSWER,
    ASK,
    productId,
  );
  const handle = await page.waitForFunction(
    (answer) => document.documentElement.getAttribute(answer),
    { timeout: 10_000 },
    ANSWER,
  );
  return JSON.parse((await handle.jsonValue()) as string) as ProductReply;
}

/** The background stores asynchronously after the page loads: ask until the price is there. */
async function storedProduct(page: Page, productId: string) {
  return vi.waitFor(
    async () => {
      const reply = await askBackground(page, productId);
      if (!reply.ok) throw new Error(reply.error);
      if (!reply.data?.current) throw new Error('not stored yet');
      return reply.data;
    },
    { timeout: 30_000, interval: 250 },
  );
}

describe('Firefox ESR smoke', () => {
  it('captures and stores the price of a runParams product page', async () => {
    const expected = expectedCase(PAGES.runParamsEur);
    served.set(expected.url!, { body: fixtureText(PAGES.runParamsEur), contentType: 'text/html' });
    const page = await openServed(expected.url!);
    const stored = await storedProduct(page, expected.productId!);
    expect(stored.product).toMatchObject({ id: expected.productId, currency: 'EUR' });
    expect(stored.current?.price).toBe(9739);
    await page.close();
  });

  it("reads today's client-rendered page through the MAIN-world reader (JSONP)", async () => {
    const today = todayPage('jsonp');
    served.set(today.url, { body: today.html, contentType: 'text/html' });
    const page = await openServed(today.url);
    const stored = await storedProduct(page, '1005012410104961');
    expect(stored.product.currency).toBe('IDR');
    expect(stored.current?.price).toBe(34329700);
    expect(stored.skus.map((s) => s.skuId).sort()).toEqual(['12000058476050807', '12000058476050808']);
    await page.close();
  });

  it('stores nothing for the captcha page', async () => {
    const url = 'https://www.aliexpress.com/item/1005006180026951.html';
    served.set(url, { body: fixtureText(PAGES.captcha), contentType: 'text/html' });
    const page = await openServed(url);
    await page.waitForFunction(() => document.readyState === 'complete');
    const reply = await askBackground(page, '1005006180026951');
    expect(reply).toEqual({ ok: true, data: null });
    await page.close();
  });
});
