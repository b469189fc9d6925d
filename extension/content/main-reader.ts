import { CAPTURED_APIS, CHANNEL, capturedApi, type RelayMessage } from './relay.ts';

/**
 * Runs in the page's MAIN world from document_start on today's client-rendered product pages, where the
 * price only exists in the `mtop.aliexpress.pdp.pc.query` response. It taps the three ways that response
 * arrives — fetch, XHR, the JSONP callback the page's mtop library uses — plus page memory
 * (`_d_c_.lifeCycleEventList[0].data`) when the extension came in late, and relays TEXT to the isolated
 * script. No polling: everything here is driven by the page's own requests and events.
 */

type PageWindow = Window & typeof globalThis & Record<string, unknown>;

/** `apis`: the mtop APIs to tap (the order pages pass theirs; page memory is read for the pdp query only). */
export function installMainReader(win: PageWindow, apis: readonly string[] = CAPTURED_APIS): void {
  const last = new Map<string, { text: string; exact: boolean }>();
  const post = (message: RelayMessage) => win.postMessage(message, win.location.origin);
  const relay = (api: string, text: string, exact: boolean) => {
    if (last.get(api)?.text === text) return;
    last.set(api, { text, exact });
    post({ channel: CHANNEL, kind: 'payload', api, text, exact });
  };

  wrapFetch(win, apis, relay);
  wrapXhr(win, apis, relay);
  wrapJsonp(win, apis, relay);
  watchNavigation(win, () => {
    last.clear();
    post({ channel: CHANNEL, kind: 'navigated', url: win.location.href });
  });

  const fromMemory = () => {
    if (last.size > 0 || !apis.includes('mtop.aliexpress.pdp.pc.query')) return;
    const text = pageMemory(win);
    if (text) relay('mtop.aliexpress.pdp.pc.query', text, false);
  };
  win.addEventListener('load', fromMemory, { once: true });
  win.addEventListener('message', (event) => {
    // Only the 'ready' handshake is read here; the full check (parseRelayMessage) lives on the isolated side.
    const data = event.data as { channel?: unknown; kind?: unknown } | null;
    if (event.source !== win || event.origin !== win.location.origin || data?.channel !== CHANNEL) return;
    if (data.kind !== 'ready') return;
    for (const [api, { text, exact }] of last) post({ channel: CHANNEL, kind: 'payload', api, text, exact });
    if (win.document.readyState === 'complete') fromMemory();
  });
}

type Relay = (api: string, text: string, exact: boolean) => void;

function wrapFetch(win: PageWindow, apis: readonly string[], relay: Relay): void {
  const original = win.fetch;
  if (typeof original !== 'function') return;
  win.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const promise = original.call(this, input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const api = capturedApi(url, apis);
    if (api) {
      promise
        .then((response) => response.clone().text())
        .then((text) => relay(api, text, true))
        .catch(() => {});
    }
    return promise;
  } as typeof fetch;
}

function wrapXhr(win: PageWindow, apis: readonly string[], relay: Relay): void {
  const proto = win.XMLHttpRequest?.prototype;
  if (!proto) return;
  const open = proto.open;
  proto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    const api = capturedApi(String(args[1]), apis);
    if (api) {
      this.addEventListener('load', () => {
        if (this.responseType === '' || this.responseType === 'text') relay(api, this.responseText, true);
        else if (this.responseType === 'json' && this.response)
          relay(api, JSON.stringify(this.response), false);
      });
    }
    return (open as (...a: unknown[]) => void).apply(this, args);
  } as typeof proto.open;
}

/**
 * The page's mtop library loads the pdp query as JSONP (`dataType: 'originaljsonp'`): it sets a script's src
 * to `…/mtop.aliexpress.pdp.pc.query/1.0/?…&callback=mtopjsonpN` and receives an already-parsed object, so
 * this can only re-serialise it (exact=false).
 */
function wrapJsonp(win: PageWindow, apis: readonly string[], relay: Relay): void {
  const proto = win.HTMLScriptElement?.prototype;
  const descriptor = proto && Object.getOwnPropertyDescriptor(proto, 'src');
  if (!descriptor?.set || !descriptor.get) return;
  const setSrc = descriptor.set;
  Object.defineProperty(proto, 'src', {
    ...descriptor,
    set(this: HTMLScriptElement, value: string) {
      const url = String(value);
      const api = capturedApi(url, apis);
      const callback = api ? /[?&]callback=([\w$]+)/.exec(url)?.[1] : undefined;
      if (api && callback) hookCallback(win, callback, (data) => relay(api, JSON.stringify(data), false));
      setSrc.call(this, value);
    },
  });
}

function hookCallback(win: PageWindow, name: string, onData: (data: unknown) => void): void {
  const wrap = (fn: unknown) =>
    typeof fn === 'function'
      ? function (this: unknown, ...args: unknown[]) {
          try {
            onData(args[0]);
          } catch {}
          return fn.apply(this, args);
        }
      : fn;
  // The library may assign the callback before or after setting src: cover both.
  let current = wrap(win[name]);
  Object.defineProperty(win, name, {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (fn: unknown) => {
      current = wrap(fn);
    },
  });
}

function watchNavigation(win: PageWindow, onItemChange: () => void): void {
  let path = win.location.pathname;
  const check = () => {
    if (win.location.pathname === path) return;
    path = win.location.pathname;
    onItemChange();
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = win.history[method];
    win.history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
  }
  win.addEventListener('popstate', check);
}

/** Today's pages keep the pdp query result in `_d_c_.lifeCycleEventList[0].data`; hand it over in the
 * response's own shape so the extractor reads one format. */
function pageMemory(win: PageWindow): string | null {
  try {
    const dc = win._d_c_ as { lifeCycleEventList?: { data?: unknown }[] } | undefined;
    const data = dc?.lifeCycleEventList?.[0]?.data;
    if (!data || typeof data !== 'object') return null;
    return JSON.stringify({ api: 'mtop.aliexpress.pdp.pc.query', data: { result: data } });
  } catch {
    return null;
  }
}
