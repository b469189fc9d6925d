import { type ParsedLink, parseAliExpressLink } from '../../shared/urls.ts';

/** Loaded on first use: the API client brings zod, which the first route does without. */
export async function resolveShortLink(url: string): Promise<string> {
  const api = await import('./api-client.ts');
  return api.resolveShortLink(url);
}

export type Opened = { ok: true; productId: string } | { ok: false; message: string };

const REASONS = {
  'no-link': 'Paste an AliExpress product link.',
  'not-aliexpress': 'That link is not an AliExpress link.',
  'no-product': 'That AliExpress link does not point to a product.',
} as const;

/** Item links are read on the device; only short share links need the worker (and the network). */
export async function openParsed(
  parsed: ParsedLink,
  resolve: (url: string) => Promise<string>,
  isOnline: () => boolean = () => navigator.onLine,
): Promise<Opened> {
  if (parsed.kind === 'product') return { ok: true, productId: parsed.productId };
  if (parsed.kind === 'none') return { ok: false, message: REASONS[parsed.reason] };
  if (!isOnline()) return { ok: false, message: 'Short links need a connection. Try again when online.' };
  try {
    return { ok: true, productId: await resolve(parsed.url) };
  } catch {
    return {
      ok: false,
      message: 'Could not open that short link. Open it in the AliExpress app and share the product page.',
    };
  }
}

export function openText(text: string, resolve: (url: string) => Promise<string>): Promise<Opened> {
  return openParsed(parseAliExpressLink(text), resolve);
}
