import { describe, expect, it } from 'vitest';
import { installMainReader } from './main-reader.ts';
import { CHANNEL, type RelayMessage } from './relay.ts';

const ORIGIN = 'https://id.aliexpress.com';
const PDP = 'https://acs.aliexpress.com/h5/mtop.aliexpress.pdp.pc.query/1.0/?jsv=2.5.1';
// Raw text with an id beyond 2^53: JSON.parse would turn …807 into …808.
const RAW = '{"data":{"result":{"SKU":{"selectedSkuId":12000058476050807}}}}';

/** Just the parts of a page window the MAIN-world reader touches. */
function fakeWindow(options: { fetchBody?: string } = {}) {
  const posted: RelayMessage[] = [];
  const listeners = new Map<string, ((event: unknown) => void)[]>();
  class FakeScript {
    #src = '';
    get src() {
      return this.#src;
    }
    set src(value: string) {
      this.#src = value;
    }
  }
  const location = {
    origin: ORIGIN,
    pathname: '/item/1005012410104961.html',
    href: `${ORIGIN}/item/1005012410104961.html`,
  };
  const win: Record<string, unknown> = {
    location,
    document: { readyState: 'loading' },
    HTMLScriptElement: FakeScript,
    fetch: async () => new Response(options.fetchBody ?? RAW),
    history: {
      pushState(_state: unknown, _title: string, url: string) {
        location.pathname = url;
        location.href = `${ORIGIN}${url}`;
      },
      replaceState(_state: unknown, _title: string, url: string) {
        location.pathname = url.split('?')[0]!;
      },
    },
    addEventListener(type: string, listener: (event: unknown) => void) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    postMessage(message: RelayMessage, targetOrigin: string) {
      expect(targetOrigin).toBe(ORIGIN);
      posted.push(message);
    },
  };
  const dispatch = (type: string, event: unknown = {}) => {
    for (const listener of listeners.get(type) ?? []) listener(event);
  };
  installMainReader(win as unknown as Parameters<typeof installMainReader>[0]);
  return { win, posted, dispatch, FakeScript };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MAIN-world reader', () => {
  it('relays a fetched pdp response as exact raw text, once per distinct body', async () => {
    const { win, posted } = fakeWindow();
    const fetch = win.fetch as (url: string) => Promise<Response>;
    const response = await fetch(PDP);
    expect(await response.text()).toBe(RAW); // the page still gets its body
    await fetch(PDP);
    await fetch('https://acs.aliexpress.com/h5/mtop.other/1.0/');
    await settle();
    expect(posted).toEqual([
      { channel: CHANNEL, kind: 'payload', api: 'mtop.aliexpress.pdp.pc.query', text: RAW, exact: true },
    ]);
  });

  it('wraps the JSONP callback whether the page assigns it before or after setting the src', async () => {
    const { win, posted, FakeScript } = fakeWindow();
    const received: unknown[] = [];
    win.mtopjsonp1 = (data: unknown) => received.push(data);
    new FakeScript().src = `${PDP}&callback=mtopjsonp1`;
    (win.mtopjsonp1 as (d: unknown) => void)({ data: { n: 1 } });

    new FakeScript().src = `${PDP}&callback=mtopjsonp2`;
    win.mtopjsonp2 = (data: unknown) => received.push(data);
    (win.mtopjsonp2 as (d: unknown) => void)({ data: { n: 2 } });

    expect(received).toEqual([{ data: { n: 1 } }, { data: { n: 2 } }]);
    expect(posted.map((m) => m.kind === 'payload' && [m.text, m.exact])).toEqual([
      ['{"data":{"n":1}}', false],
      ['{"data":{"n":2}}', false],
    ]);
  });

  it('leaves other scripts alone', () => {
    const { win, posted, FakeScript } = fakeWindow();
    const script = new FakeScript();
    script.src = 'https://assets.alicdn.com/x.js?callback=cb';
    expect(script.src).toBe('https://assets.alicdn.com/x.js?callback=cb');
    expect(Object.getOwnPropertyDescriptor(win, 'cb')).toBeUndefined();
    expect(posted).toEqual([]);
  });

  it('reads page memory at load when nothing was captured, in the response shape', () => {
    const { win, posted, dispatch } = fakeWindow();
    win._d_c_ = { lifeCycleEventList: [{ data: { PRICE: { x: 1 } } }] };
    dispatch('load');
    expect(posted).toEqual([
      {
        channel: CHANNEL,
        kind: 'payload',
        api: 'mtop.aliexpress.pdp.pc.query',
        text: '{"api":"mtop.aliexpress.pdp.pc.query","data":{"result":{"PRICE":{"x":1}}}}',
        exact: false,
      },
    ]);
  });

  it('replays what it captured when the isolated script says it is ready', async () => {
    const { win, posted, dispatch } = fakeWindow();
    await (win.fetch as (url: string) => Promise<Response>)(PDP);
    await settle();
    dispatch('message', { source: win, origin: ORIGIN, data: { channel: CHANNEL, kind: 'ready' } });
    dispatch('message', { source: {}, origin: ORIGIN, data: { channel: CHANNEL, kind: 'ready' } });
    expect(posted.filter((m) => m.kind === 'payload')).toHaveLength(2);
  });

  it('reports a soft navigation to another item, not a query-string change', () => {
    const { win, posted } = fakeWindow();
    const history = win.history as History;
    history.replaceState({}, '', '/item/1005012410104961.html?sku_id=1');
    history.pushState({}, '', '/item/1005012410104962.html');
    expect(posted).toEqual([
      { channel: CHANNEL, kind: 'navigated', url: `${ORIGIN}/item/1005012410104962.html` },
    ]);
  });
});
