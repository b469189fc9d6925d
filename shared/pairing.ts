/**
 * Pairing the extension and the PWA without an account: one device shows a pairing code (a random 128-bit secret),
 * the other types or scans it. From the secret each device derives (HKDF-SHA-256) a pair id — the only thing the
 * worker sees, as the name of one encrypted blob — and an AES-GCM key that never leaves the devices. The blob is
 * the shared watchlist; each device merges it with its own (last writer wins per watch, deletions kept as
 * tombstones) and writes it back. WebCrypto only: runs in extension pages, the PWA and tests alike.
 */

// Namespace import: `import { z }` pulls every zod locale into the bundles (see shared/api-pwa.ts).
import * as z from 'zod';
import { currencySchema, decimalMoneySchema, productIdSchema, regionSchema, skuIdSchema } from './api.ts';
import { PAIR_LIMITS } from './api-pwa.ts';

export const PAIR_SECRET_BYTES = 16;
/** Crockford base32: no I, L, O, U, so a code read aloud or off a screen is hard to mistype. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * One watch on the shared list: every condition a watch can have (shared/alerts.ts WatchConditions), with money
 * as the API's decimal strings. Version 1 lists (product-level target watches only) read as version 2 with the
 * defaults below.
 */
export const pairedWatchSchema = z.object({
  productId: productIdSchema,
  /** null = the product as a whole (its cheapest variant). */
  skuId: skuIdSchema.nullable().default(null),
  currency: currencySchema,
  region: regionSchema.nullable(),
  /** Alert at or below this decimal amount in `currency`; null = no target condition. */
  target: decimalMoneySchema.nullable(),
  /** Alert this many percent below the typical price; 'default' = the device's global setting. */
  pctBelowTypical: z
    .union([z.number().positive().max(100), z.literal('default')])
    .nullable()
    .default(null),
  allTimeLow: z.boolean().default(false),
  backInStock: z.boolean().default(false),
  /** Judge price + shipping where shipping is known. */
  landed: z.boolean().default(false),
  title: z.string().max(1000).nullable(),
  /** Epoch ms of the last change on whichever device made it. */
  updatedAt: z.number().int().nonnegative(),
  /** A removed watch, kept so the removal reaches the other device. */
  deleted: z.boolean().optional(),
});

export type PairedWatch = z.output<typeof pairedWatchSchema>;
/** What a device may write (a version 1 entry is still a valid input). */
export type PairedWatchInput = z.input<typeof pairedWatchSchema>;

export const pairedWatchlistSchema = z.object({
  v: z.union([z.literal(1), z.literal(2)]),
  watches: z.array(pairedWatchSchema),
});

export type PairedWatchlist = z.output<typeof pairedWatchlistSchema>;
export type PairedWatchlistInput = z.input<typeof pairedWatchlistSchema>;

/** The list version this code writes. */
export const PAIRED_LIST_VERSION = 2;

export interface PairKeys {
  /** 32 hex chars; names the blob on the server. */
  pairId: string;
  key: CryptoKey;
}

export function newPairSecret(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(PAIR_SECRET_BYTES));
}

/** 16 bytes → "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-X" (26 symbols, 130 bits). */
export function formatPairCode(secret: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of secret) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Tolerates spaces, dashes, lower case and the usual look-alikes (O→0, I/L→1). Null when it is not a code. */
export function parsePairCode(text: string): Uint8Array<ArrayBuffer> | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== Math.ceil((PAIR_SECRET_BYTES * 8) / 5)) return null;
  const out = new Uint8Array(PAIR_SECRET_BYTES);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      if (at < out.length) out[at++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  // The padding bits of the last symbol must be zero, or the code was mistyped.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return at === PAIR_SECRET_BYTES ? out : null;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export async function derivePairKeys(secret: Uint8Array<ArrayBuffer>): Promise<PairKeys> {
  const ikm = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveBits', 'deriveKey']);
  const salt = utf8('aliexpress-companion pairing v1');
  const idBits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8('pair id') },
    ikm,
    128,
  );
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8('watchlist key') },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const pairId = [...new Uint8Array(idBits)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { pairId, key };
}

function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** base64url characters of a sealed list of `plainBytes`: IV, ciphertext and GCM tag. */
const sealedChars = (plainBytes: number) => Math.ceil(((12 + plainBytes + 16) * 4) / 3);

async function through(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/**
 * AES-256-GCM with a random IV; the pair id is bound in as associated data. Returns base64url(iv ‖ ciphertext).
 * A list that fits the worker's limit is sealed as JSON, which every version reads; only a bigger one is gzipped
 * first (a device from before that could not have synced it anyway). Throws when even that does not fit.
 */
export async function sealWatchlist(keys: PairKeys, list: PairedWatchlistInput): Promise<string> {
  let plain = utf8(JSON.stringify(list));
  if (sealedChars(plain.byteLength) > PAIR_LIMITS.maxCiphertextChars)
    plain = await through(plain, new CompressionStream('gzip'));
  if (sealedChars(plain.byteLength) > PAIR_LIMITS.maxCiphertextChars)
    throw new Error(`the watchlist is too big to share (${list.watches.length} watches): remove some`);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(keys.pairId) },
    keys.key,
    plain,
  );
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv);
  out.set(new Uint8Array(ct), 12);
  return toBase64url(out);
}

/** Throws when the blob was not sealed with this pair's key (or was altered). */
export async function openWatchlist(keys: PairKeys, sealed: string): Promise<PairedWatchlist> {
  const bytes = fromBase64url(sealed);
  const plain = new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: utf8(keys.pairId) },
      keys.key,
      bytes.slice(12),
    ),
  );
  // JSON starts with "{", gzip with 1f 8b.
  const json =
    plain[0] === 0x1f && plain[1] === 0x8b ? await through(plain, new DecompressionStream('gzip')) : plain;
  const parsed = pairedWatchlistSchema.safeParse(JSON.parse(new TextDecoder().decode(json)));
  if (!parsed.success) throw new Error('unknown watchlist format');
  return parsed.data;
}

/** One watch per product and variant on the shared list. */
export const pairedWatchKey = (w: Pick<PairedWatch, 'productId' | 'skuId'>) =>
  `${w.productId}:${w.skuId ?? ''}`;
const watchKey = pairedWatchKey;

/** Union of both lists; for a watch on both, the later change wins (ties: a deletion wins). */
export function mergeWatchlists(a: readonly PairedWatch[], b: readonly PairedWatch[]): PairedWatch[] {
  const byId = new Map<string, PairedWatch>();
  for (const w of [...a, ...b]) {
    const seen = byId.get(watchKey(w));
    if (
      !seen ||
      w.updatedAt > seen.updatedAt ||
      (w.updatedAt === seen.updatedAt && w.deleted && !seen.deleted)
    ) {
      byId.set(watchKey(w), w);
    }
  }
  return [...byId.values()].sort((x, y) => (watchKey(x) < watchKey(y) ? -1 : 1));
}

/**
 * How long a removal stays on the shared list. A removal is carried so that the other device removes the watch
 * too; a device that has not synced for this long can bring an old removed watch back. Without a limit every
 * removal stays forever and the list eventually outgrows the worker's blob limit (PAIR_LIMITS), ending sync.
 */
export const TOMBSTONE_TTL_MS = 180 * 24 * 60 * 60 * 1000;

/**
 * The merged list as it is written to the shared blob: removals older than TOMBSTONE_TTL_MS are dropped and a
 * removal keeps no title (the key, time and flag are all a device needs to apply it).
 */
export function mergeForSharing(
  local: readonly PairedWatch[],
  remote: readonly PairedWatch[],
  now: number,
): PairedWatch[] {
  return mergeWatchlists(local, remote)
    .filter((w) => !w.deleted || now - w.updatedAt <= TOMBSTONE_TTL_MS)
    .map((w) => (w.deleted && w.title !== null ? { ...w, title: null } : w));
}

/** What the extension's QR code encodes: the PWA's pairing page with the code filled in. */
export function pairLink(pwaOrigin: string, secret: Uint8Array): string {
  return `${new URL('/pair', pwaOrigin).href}?code=${formatPairCode(secret)}`;
}
