import { type ParsedLink, parseAliExpressLink } from '../../shared/urls.ts';
import { type MessageKey, t } from './i18n.ts';

/** Loaded on first use: the API client brings zod, which the first route does without. */
export async function resolveShortLink(url: string): Promise<string> {
  const api = await import('./api-client.ts');
  return api.resolveShortLink(url);
}

export type Opened = { ok: true; productId: string } | { ok: false; message: string };

const REASONS = {
  'no-link': 'link.noLink',
  'not-aliexpress': 'link.notAliExpress',
  'no-product': 'link.noProduct',
} as const satisfies Record<string, MessageKey>;

/** Item links are read on the device; only short share links need the worker (and the network). */
export async function openParsed(
  parsed: ParsedLink,
  resolve: (url: string) => Promise<string>,
  isOnline: () => boolean = () => navigator.onLine,
): Promise<Opened> {
  if (parsed.kind === 'product') return { ok: true, productId: parsed.productId };
  if (parsed.kind === 'none') return { ok: false, message: t(REASONS[parsed.reason]) };
  if (!isOnline()) return { ok: false, message: t('link.shortOffline') };
  try {
    return { ok: true, productId: await resolve(parsed.url) };
  } catch {
    return {
      ok: false,
      message: t('link.shortFailed'),
    };
  }
}

export function openText(text: string, resolve: (url: string) => Promise<string>): Promise<Opened> {
  return openParsed(parseAliExpressLink(text), resolve);
}
