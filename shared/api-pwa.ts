/**
 * Contract of the worker endpoints the PWA adds: short-link resolution and Web Push subscriptions. Kept beside
 * shared/api.ts (same conventions: zod schemas, money as decimal strings) so the two files never race on edits.
 */
// Namespace import: `import { z }` pulls every zod locale into the worker bundle (+67 KB gzipped).
import * as z from 'zod';
import { currencySchema, decimalMoneySchema, productIdSchema, regionSchema } from './api.ts';

export const RESOLVE_LIMITS = {
  maxHops: 5,
  timeoutMs: 5_000,
  maxUrlLength: 2_048,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// GET /v1/resolve?url=

export const resolveQuerySchema = z.strictObject({
  url: z.string().min(1).max(RESOLVE_LIMITS.maxUrlLength),
});

export const resolveResponseSchema = z.object({
  productId: productIdSchema,
  /** The item page the short link ended at. */
  url: z.string(),
  hops: z.number().int().nonnegative(),
});
export type ResolveResponse = z.infer<typeof resolveResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Web Push: POST /v1/push/subscription (upsert), DELETE /v1/push/subscription, GET /v1/push/key

export const PUSH_LIMITS = {
  maxWatches: 200,
  maxEndpointLength: 1_024,
} as const;

/**
 * The worker POSTs to subscription endpoints, so only the browsers' push services are accepted: the endpoint
 * cannot be pointed at anything else (no SSRF, no free POST relay).
 */
const PUSH_SERVICE_HOSTS = [
  /^fcm\.googleapis\.com$/,
  /^android\.googleapis\.com$/,
  /^([a-z0-9-]+\.)*push\.services\.mozilla\.com$/,
  /^([a-z0-9-]+\.)*notify\.windows\.com$/,
  /^([a-z0-9-]+\.)*push\.apple\.com$/,
];

export function isPushServiceUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    !url.username &&
    !url.password &&
    PUSH_SERVICE_HOSTS.some((host) => host.test(url.hostname))
  );
}

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');

/** The browser's `PushSubscription.toJSON()`, as much of it as a sender needs. */
export const pushSubscriptionSchema = z.object({
  endpoint: z
    .string()
    .max(PUSH_LIMITS.maxEndpointLength)
    .refine(isPushServiceUrl, 'an https URL of a known push service'),
  keys: z.object({
    /** Uncompressed P-256 public key, 65 bytes base64url. */
    p256dh: base64url.min(86).max(90),
    /** 16-byte auth secret, base64url. */
    auth: base64url.min(22).max(24),
  }),
});
export type PushSubscriptionJson = z.infer<typeof pushSubscriptionSchema>;

export const pushWatchSchema = z.strictObject({
  productId: productIdSchema,
  currency: currencySchema,
  region: regionSchema.nullable(),
  /** Alert when the confirmed community price is at or below this. */
  target: decimalMoneySchema,
});
export type PushWatch = z.infer<typeof pushWatchSchema>;

/** Replaces everything stored for this endpoint: the device's watchlist is the truth. */
export const pushRegisterSchema = z.strictObject({
  subscription: pushSubscriptionSchema,
  watches: z.array(pushWatchSchema).max(PUSH_LIMITS.maxWatches),
});

export const pushRegisterResponseSchema = z.object({ watches: z.number().int().nonnegative() });

export const pushUnregisterSchema = z.strictObject({
  endpoint: z.string().max(PUSH_LIMITS.maxEndpointLength),
});
export const pushUnregisterResponseSchema = z.object({ deleted: z.number().int().nonnegative() });

export const pushKeyResponseSchema = z.object({
  /** VAPID application server key: uncompressed P-256 public key, base64url. */
  publicKey: base64url,
});

/** What the service worker receives (encrypted) in a push message. */
export const pushPayloadSchema = z.object({
  /** English wording, shown as is by a service worker that cannot word `alert` itself. */
  title: z.string(),
  body: z.string(),
  productId: productIdSchema,
  /**
   * The alert's figures: the phone words the notification in the shopper's language and names the product by the
   * title it keeps on its own watchlist (the server never learns titles).
   */
  alert: z
    .object({ price: decimalMoneySchema, target: decimalMoneySchema, currency: currencySchema })
    .optional(),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Pairing (shared/pairing.ts): GET, POST and DELETE /v1/pair/:pairId — the server keeps one opaque blob per pair.

export const PAIR_LIMITS = {
  maxCiphertextChars: 256 * 1024,
} as const;

export const pairIdSchema = z.string().regex(/^[0-9a-f]{32}$/, '32 hex digits');

export const pairBlobSchema = z.object({
  /** base64url(iv ‖ AES-GCM ciphertext); the server cannot read it. */
  ciphertext: z
    .string()
    .min(16)
    .max(PAIR_LIMITS.maxCiphertextChars)
    .regex(/^[A-Za-z0-9_-]+$/, 'base64url'),
  /** Increases by one with every write. */
  version: z.number().int().positive(),
});
export type PairBlob = z.infer<typeof pairBlobSchema>;

/** Optimistic concurrency: `baseVersion` is the version the writer merged with (0 = none yet); else 409. */
export const pairWriteSchema = z.strictObject({
  ciphertext: pairBlobSchema.shape.ciphertext,
  baseVersion: z.number().int().nonnegative(),
});

export const pairWriteResponseSchema = z.object({ version: z.number().int().positive() });
export const pairDeleteResponseSchema = z.object({ deleted: z.number().int().nonnegative() });
