import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Agent } from './agents/agent.ts';
import { cachingAgent } from './agents/caching.ts';
import { catalogAgent } from './agents/catalog.ts';
import { type CompanionDb, openDb } from './db.ts';
import { ALLOWED_SENDERS } from './messaging.ts';
import { collectHandlers, createRouter, type RouterOptions } from './router.ts';
import { rememberTabProduct, tabProduct } from './tab-products.ts';
import { okResult } from './test-results.ts';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const options: RouterOptions = { extensionId: EXT_ID, extensionOrigin: `chrome-extension://${EXT_ID}/` };
const productTab = (url = 'https://id.aliexpress.com/item/1005012410104961.html') => ({
  id: EXT_ID,
  url,
  tab: {
    id: 7,
    url,
    index: 0,
    pinned: false,
    highlighted: false,
    windowId: 1,
    active: true,
    incognito: false,
  },
});
const popup = { id: EXT_ID, url: `chrome-extension://${EXT_ID}/popup.html` };

/** Answers the messages other agents (notifications, …) own, so these tests cover only caching and catalog. */
function othersStub(agents: Agent[]): Agent {
  const handled = new Set(agents.flatMap((a) => Object.keys(a.handlers ?? {})));
  const rest = Object.keys(ALLOWED_SENDERS).filter((type) => !handled.has(type));
  return {
    name: 'others (stub)',
    handlers: Object.fromEntries(rest.map((type) => [type, async () => null])) as Agent['handlers'],
  };
}

describe('background router', () => {
  let db: CompanionDb;
  let rejected: string[];
  let route: ReturnType<typeof createRouter>;
  beforeEach(() => {
    fakeBrowser.reset();
    db = openDb(`router-${crypto.randomUUID()}`);
    rejected = [];
    const agents = [cachingAgent(db, { rememberTab: rememberTabProduct }), catalogAgent(db, { tabProduct })];
    route = createRouter([...agents, othersStub(agents)], {
      ...options,
      onRejected: (why) => rejected.push(why),
    });
  });
  afterEach(async () => {
    await db.delete();
  });

  const extracted = { type: 'page:extracted', payload: { result: okResult(), trigger: 'load' } };

  it('stores a valid page read from a content script on an AliExpress tab', async () => {
    const reply = await route(extracted, productTab());
    expect(reply).toEqual({ ok: true, data: { stored: 2, deduped: 0, reason: null } });
    expect(await tabProduct(7)).toBe('1005012410104961');
  });

  it.each([
    ['another extension', { ...productTab(), id: 'someone-else' }],
    ['a non-AliExpress tab', productTab('https://evil.example/item/1.html')],
    ['a look-alike host', productTab('https://aliexpress.com.evil.example/item/1.html')],
    ['no tab and no extension page', { id: EXT_ID, url: 'https://www.aliexpress.com/item/1.html' }],
  ])('rejects page reads from %s', async (_label, sender) => {
    const reply = await route(extracted, sender);
    expect(reply.ok).toBe(false);
    expect(await db.observations.count()).toBe(0);
    expect(rejected).toHaveLength(1);
  });

  it('rejects page reads sent from an extension page (only content scripts read pages)', async () => {
    const reply = await route(extracted, popup);
    expect(reply).toEqual({ ok: false, error: 'page:extracted not allowed from ui' });
  });

  it('rejects unknown messages and invalid payloads without touching the database', async () => {
    const cases: unknown[] = [
      null,
      'page:extracted',
      { type: 'db:drop', payload: {} },
      { type: '__proto__', payload: {} },
      {
        type: 'page:extracted',
        payload: { result: okResult({ price: { min: -1, max: 2 } }), trigger: 'load' },
      },
      {
        type: 'page:extracted',
        payload: { result: okResult({ price: { min: 1.5, max: 2 } }), trigger: 'load' },
      },
      { type: 'page:extracted', payload: { result: okResult({ productId: '12e3' }), trigger: 'load' } },
      { type: 'page:extracted', payload: { result: okResult({ currency: 'usd' }), trigger: 'load' } },
      {
        type: 'page:extracted',
        payload: { result: { ...okResult(), flags: ['free-money'] }, trigger: 'load' },
      },
      { type: 'page:extracted', payload: { result: okResult(), trigger: 'timer' } },
      { type: 'page:extracted', payload: { result: { ...okResult(), skus: 'many' }, trigger: 'load' } },
      { type: 'products:recent', payload: { limit: 1e9 } },
    ];
    for (const message of cases) {
      const reply = await route(
        message,
        message && (message as { type?: string }).type === 'products:recent' ? popup : productTab(),
      );
      expect(reply.ok, JSON.stringify(message)?.slice(0, 120)).toBe(false);
    }
    expect(rejected).toHaveLength(cases.length);
    expect(await db.observations.count()).toBe(0);
  });

  it('answers the popup with the product of its tab, its history and lows/highs', async () => {
    await route(extracted, productTab());
    const reply = await route({ type: 'product:view', payload: { tabId: 7 } }, popup);
    expect(reply.ok).toBe(true);
    const view = reply.ok ? (reply.data as { history: unknown[]; current: { price: number } }) : null;
    expect(view?.history).toHaveLength(1);
    expect(view?.current.price).toBe(34329700);
  });

  it('finds the product by the URL it was last seen at when the tab is unknown', async () => {
    await route(extracted, productTab());
    const reply = await route(
      {
        type: 'product:view',
        payload: { url: 'https://id.aliexpress.com/item/1005012410104961.html?spm=x' },
      },
      popup,
    );
    expect(reply.ok && reply.data).toMatchObject({ product: { id: '1005012410104961' } });
  });

  it('finds the product from an aliexpress.us URL (global id + 2^51)', async () => {
    await route(extracted, productTab());
    const reply = await route(
      { type: 'product:view', payload: { url: 'https://www.aliexpress.us/item/3256812223790209.html' } },
      popup,
    );
    expect(reply.ok && reply.data).toMatchObject({ product: { id: '1005012410104961' } });
  });

  it('lists recently seen products with their last price', async () => {
    await route(extracted, productTab());
    const reply = await route({ type: 'products:recent', payload: { limit: 10 } }, popup);
    expect(reply).toMatchObject({ ok: true, data: [{ id: '1005012410104961', lastPrice: 34329700 }] });
  });

  it('requires exactly one handler per message type', () => {
    const noop: Agent = { name: 'partial', handlers: { 'products:recent': async () => [] } };
    expect(() => collectHandlers([noop])).toThrow(/no agent handles/);
    expect(() => collectHandlers([catalogAgent(db), catalogAgent(db), cachingAgent(db)])).toThrow(
      /two handlers/,
    );
    const mine = [catalogAgent(db), cachingAgent(db)];
    expect(() => collectHandlers([...mine, othersStub(mine)])).not.toThrow();
  });
});
