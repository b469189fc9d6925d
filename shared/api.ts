/**
 * The Edge API contract: every request and response body as a zod schema. The worker validates with these, the
 * extension and the PWA parse responses with them. Money crosses the wire as decimal strings in the series
 * currency ("12.34"); inside code it is integer minor units (shared/money.ts, strict parsing in api-money.ts).
 */

import * as z from 'zod';
import { CURRENCIES, DECIMAL_MONEY, strictDecimalToMinor } from './api-money.ts';
import type { Observation } from './domain.ts';
import type { ExtractFlag } from './extract/types.ts';

export const API_LIMITS = {
  maxBatch: 500,
  /** 500 items of ~300 bytes fit well below; anything bigger is not a client of ours. */
  maxBodyBytes: 512 * 1024,
  maxPastDays: 30,
  maxFutureMs: 5 * 60_000,
  historyDefaultDays: 90,
  historyMaxDays: 365,
  dealsDefaultLimit: 20,
  dealsMaxLimit: 100,
} as const;

const FLAG_VALUES = ['new-user-price', 'flash-deal', 'lot', 'out-of-stock', 'unreachable'] as const;
// Compile-time guard: the list above must name every ExtractFlag, no more, no less.
type MissingFlag = Exclude<ExtractFlag, (typeof FLAG_VALUES)[number]>;
const allFlagsListed: MissingFlag extends never ? true : never = true;
void allFlagsListed;

export const flagSchema = z.enum(FLAG_VALUES);

/** AliExpress product and SKU ids are decimal digit strings, some beyond 2^53: never numbers. */
export const productIdSchema = z.string().regex(/^[1-9]\d{0,23}$/, 'digits only');
export const skuIdSchema = z.string().regex(/^[1-9]\d{0,23}$/, 'digits only');
export const currencySchema = z.string().refine((c) => CURRENCIES.has(c), 'ISO 4217 code');
export const regionSchema = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2');
export const decimalMoneySchema = z.string().regex(DECIMAL_MONEY, 'decimal string');
export const dayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// ---------------------------------------------------------------------------------------------------------------
// Errors

export const errorCodeSchema = z.enum([
  'bad_request',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'rate_limited',
  'quota_exceeded',
  'no_valid_observations',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const rejectionCodeSchema = z.enum([
  'invalid_item',
  'invalid_product_id',
  'invalid_sku_id',
  'invalid_currency',
  'invalid_region',
  'invalid_price',
  'invalid_original_price',
  'invalid_shipping',
  'invalid_observed_at',
  'too_old',
  'in_future',
  'invalid_flags',
  'quota_exceeded',
]);
export type RejectionCode = z.infer<typeof rejectionCodeSchema>;

export const rejectionSchema = z.object({ index: z.number().int().nonnegative(), code: rejectionCodeSchema });
export type Rejection = z.infer<typeof rejectionSchema>;

export const errorResponseSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /** Only on 422 no_valid_observations: why each item was refused. */
    rejected: z.array(rejectionSchema).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// GET /health

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'error']),
  db: z.enum(['ok', 'unreachable']),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// POST /v1/installs

/** The body is optional and carries nothing personal; it exists so the contract can grow. */
export const installRequestSchema = z.object({}).strict();

export const installResponseSchema = z.object({
  installId: z.string(),
  /** Send as `Authorization: Bearer <token>`. */
  token: z.string(),
  /** ISO 8601; after this the token is refused and the client registers again. */
  expiresAt: z.string(),
});
export type InstallResponse = z.infer<typeof installResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// POST /v1/observations

export const observationInputSchema = z.strictObject({
  productId: productIdSchema,
  skuId: skuIdSchema.nullable(),
  currency: currencySchema,
  region: regionSchema.nullable(),
  price: decimalMoneySchema,
  originalPrice: decimalMoneySchema.nullable().optional(),
  shipping: decimalMoneySchema.nullable().optional(),
  observedAt: z.iso.datetime({ offset: true }),
  flags: z.array(flagSchema).max(FLAG_VALUES.length).optional(),
});
export type ObservationInput = z.infer<typeof observationInputSchema>;

/**
 * The envelope only: items are checked one by one (`parseObservationItem`) so one bad item cannot jam a client's
 * upload queue.
 */
export const observationBatchSchema = z.strictObject({
  observations: z.array(z.unknown()).min(1).max(API_LIMITS.maxBatch),
});

export const ingestResponseSchema = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.array(rejectionSchema),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

/** An item that passed every check: the domain Observation (money in minor units, time in epoch ms). */
export type ValidObservation = Observation;

const FIELD_CODES: Record<string, RejectionCode> = {
  productId: 'invalid_product_id',
  skuId: 'invalid_sku_id',
  currency: 'invalid_currency',
  region: 'invalid_region',
  price: 'invalid_price',
  originalPrice: 'invalid_original_price',
  shipping: 'invalid_shipping',
  observedAt: 'invalid_observed_at',
  flags: 'invalid_flags',
};

/** Validate one uploaded item against the schema, the currency's minor units and the time window. */
export function parseObservationItem(
  item: unknown,
  now: number,
): { ok: true; value: ValidObservation } | { ok: false; code: RejectionCode } {
  const parsed = observationInputSchema.safeParse(item);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return { ok: false, code: (typeof field === 'string' && FIELD_CODES[field]) || 'invalid_item' };
  }
  const o = parsed.data;
  const price = strictDecimalToMinor(o.price, o.currency);
  if (price == null || price <= 0) return { ok: false, code: 'invalid_price' };
  const money = (text: string | null | undefined): number | null | undefined =>
    text == null ? null : (strictDecimalToMinor(text, o.currency) ?? undefined);
  const originalPrice = money(o.originalPrice);
  if (originalPrice === undefined || originalPrice === 0)
    return { ok: false, code: 'invalid_original_price' };
  const shipping = money(o.shipping);
  if (shipping === undefined) return { ok: false, code: 'invalid_shipping' };
  const observedAt = Date.parse(o.observedAt);
  if (!Number.isFinite(observedAt)) return { ok: false, code: 'invalid_observed_at' };
  if (observedAt < now - API_LIMITS.maxPastDays * 86_400_000) return { ok: false, code: 'too_old' };
  if (observedAt > now + API_LIMITS.maxFutureMs) return { ok: false, code: 'in_future' };
  const flags = [...new Set(o.flags ?? [])].sort();
  return {
    ok: true,
    value: {
      productId: o.productId,
      skuId: o.skuId,
      currency: o.currency,
      region: o.region,
      price,
      originalPrice,
      shipping,
      observedAt,
      flags,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Series queries

const optionalRegion = regionSchema.optional();
const optionalSku = skuIdSchema.optional();

export const historyQuerySchema = z.strictObject({
  currency: currencySchema,
  region: optionalRegion,
  sku: optionalSku,
  days: z.coerce.number().int().min(1).max(API_LIMITS.historyMaxDays).default(API_LIMITS.historyDefaultDays),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyDaySchema = z.object({
  day: dayString,
  min: decimalMoneySchema,
  median: decimalMoneySchema,
  max: decimalMoneySchema,
  observations: z.number().int().nonnegative(),
  contributors: z.number().int().nonnegative(),
  /** ≥ 2 distinct contributors reported this day. */
  confirmed: z.boolean(),
});
export type HistoryDay = z.infer<typeof historyDaySchema>;

export const historyResponseSchema = z.object({
  productId: productIdSchema,
  currency: currencySchema,
  region: regionSchema.nullable(),
  sku: skuIdSchema.nullable(),
  days: z.array(historyDaySchema),
});
export type HistoryResponse = z.infer<typeof historyResponseSchema>;

/**
 * `price` / `originalPrice` (optional): the price and struck-through price a page shows right now, to be judged
 * against community history; without them the latest published median stands in and the verdict is 'none'.
 */
export const summaryQuerySchema = historyQuerySchema.omit({ days: true }).extend({
  price: decimalMoneySchema.optional(),
  originalPrice: decimalMoneySchema.optional(),
});

const pricedDaySchema = z.object({ price: decimalMoneySchema, day: dayString });

export const summaryResponseSchema = z.object({
  productId: productIdSchema,
  currency: currencySchema,
  region: regionSchema.nullable(),
  sku: skuIdSchema.nullable(),
  /** null when the series has no published day. */
  summary: z
    .object({
      asOfDay: dayString,
      /** The latest published day's median. */
      current: pricedDaySchema,
      /** Median of the daily prices of the last 30 days (shared/history.ts). */
      typical: decimalMoneySchema.nullable(),
      lowest: z.object({
        allTime: decimalMoneySchema,
        days30: decimalMoneySchema.nullable(),
        days90: decimalMoneySchema.nullable(),
      }),
      highest: decimalMoneySchema,
      changeVsTypicalPct: z.number().nullable(),
      lowestInDays: z.number().int().nullable(),
      isAllTimeLow: z.boolean(),
      observedDays: z.number().int().nonnegative(),
      verdict: z.object({
        kind: z.enum(['none', 'insufficient-data', 'inflated', 'not-a-discount', 'real']),
        reference: decimalMoneySchema.nullable(),
        realPct: z.number().nullable(),
        coverageDays: z.number().int().nonnegative(),
      }),
    })
    .nullable(),
});
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// GET /v1/deals

export const dealsQuerySchema = z.strictObject({
  currency: currencySchema,
  region: optionalRegion,
  limit: z.coerce.number().int().min(1).max(API_LIMITS.dealsMaxLimit).default(API_LIMITS.dealsDefaultLimit),
});

export const dealSchema = z.object({
  productId: productIdSchema,
  sku: skuIdSchema.nullable(),
  day: dayString,
  price: decimalMoneySchema,
  typical: decimalMoneySchema,
  /** Drop versus the 30-day typical price, in percent (positive = cheaper). */
  dropPct: z.number(),
  contributors: z.number().int(),
});
export type Deal = z.infer<typeof dealSchema>;

export const dealsResponseSchema = z.object({
  currency: currencySchema,
  region: regionSchema.nullable(),
  deals: z.array(dealSchema),
});
export type DealsResponse = z.infer<typeof dealsResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// /v1/contributions (GDPR Art. 20 export, Art. 17 erasure)

export const contributionSchema = z.object({
  productId: productIdSchema,
  skuId: skuIdSchema.nullable(),
  currency: currencySchema,
  region: regionSchema.nullable(),
  price: decimalMoneySchema,
  originalPrice: decimalMoneySchema.nullable(),
  shipping: decimalMoneySchema.nullable(),
  observedAt: z.string(),
  receivedAt: z.string(),
  flags: z.array(flagSchema),
});
export type Contribution = z.infer<typeof contributionSchema>;

export const contributionsExportSchema = z.object({
  count: z.number().int().nonnegative(),
  contributions: z.array(contributionSchema),
});
export type ContributionsExport = z.infer<typeof contributionsExportSchema>;

export const contributionsDeleteSchema = z.object({
  deleted: z.number().int().nonnegative(),
  /** Daily rollups recomputed (or removed) because they included the erased observations. */
  rollupsRecomputed: z.number().int().nonnegative(),
});
export type ContributionsDelete = z.infer<typeof contributionsDeleteSchema>;
