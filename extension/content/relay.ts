/**
 * The window.postMessage protocol between the MAIN-world reader and the isolated content script. The page
 * itself can post on this channel too, so the receiver checks source, origin and shape, and treats what it
 * gets as page data (the same trust as the page's HTML) — never as a command.
 */
export const CHANNEL = 'aliexpress-companion/page-data/v1';

/** mtop APIs whose responses carry product data. */
export const CAPTURED_APIS = ['mtop.aliexpress.pdp.pc.query'] as const;

export type RelayMessage =
  /** A captured response as text. `exact` is false when it had to be re-serialised from an object (JSONP
   * callback argument, page memory): numeric ids beyond 2^53 are already rounded there, use the *Str fields. */
  | { channel: typeof CHANNEL; kind: 'payload'; api: string; text: string; exact: boolean }
  /** The page moved to another item without reloading (history API). */
  | { channel: typeof CHANNEL; kind: 'navigated'; url: string }
  /** The isolated script is listening: replay what was captured before it was. */
  | { channel: typeof CHANNEL; kind: 'ready' };

const MAX_TEXT = 8 * 1024 * 1024;

export function parseRelayMessage(
  event: MessageEvent,
  win: Window,
  apis: readonly string[] = CAPTURED_APIS,
): RelayMessage | null {
  if (event.source !== win || event.origin !== win.location.origin) return null;
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.channel !== CHANNEL) return null;
  switch (m.kind) {
    case 'payload':
      return typeof m.api === 'string' &&
        apis.includes(m.api) &&
        typeof m.text === 'string' &&
        m.text.length <= MAX_TEXT &&
        typeof m.exact === 'boolean'
        ? { channel: CHANNEL, kind: 'payload', api: m.api, text: m.text, exact: m.exact }
        : null;
    case 'navigated':
      return typeof m.url === 'string' && m.url.length <= 4000
        ? { channel: CHANNEL, kind: 'navigated', url: m.url }
        : null;
    case 'ready':
      return { channel: CHANNEL, kind: 'ready' };
    default:
      return null;
  }
}

export function capturedApi(url: string, apis: readonly string[] = CAPTURED_APIS): string | null {
  for (const api of apis) if (url.includes(api)) return api;
  return null;
}
