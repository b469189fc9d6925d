/**
 * The API's tables. Migrations are generated from this file by drizzle-kit (`npm run db:generate`) and committed.
 *
 * `sku_id` and `region` use '' for "none" rather than NULL: they are parts of unique keys and lookup keys, and
 * NULL never equals NULL, which would let duplicates through and keep `=` lookups off the indexes.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Anonymous credentials. Only an HMAC of the install id is kept: the id itself lives in the client's token. */
export const contributors = pgTable('contributors', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  installHash: text('install_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** The UTC day `quotaUsed` counts for. */
  quotaDay: date('quota_day', { mode: 'string' }),
  quotaUsed: integer('quota_used').notNull().default(0),
});

/** Raw reads as uploaded (money in minor units). No IP address, no user agent. */
export const observations = pgTable(
  'observations',
  {
    contributorId: bigint('contributor_id', { mode: 'number' })
      .notNull()
      .references(() => contributors.id, { onDelete: 'cascade' }),
    productId: text('product_id').notNull(),
    skuId: text('sku_id').notNull().default(''),
    currency: text('currency').notNull(),
    region: text('region').notNull().default(''),
    day: date('day', { mode: 'string' }).notNull(),
    price: bigint('price', { mode: 'number' }).notNull(),
    originalPrice: bigint('original_price', { mode: 'number' }),
    shipping: bigint('shipping', { mode: 'number' }),
    observedAt: timestamp('observed_at', { withTimezone: true, mode: 'date' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    // The dedupe rule is the key: one contributor, series, day and price count once. Series-day first, so the
    // same index also serves rebuilding a series-day's reads (erasure): every index costs each insert.
    primaryKey({
      name: 'observations_pk',
      columns: [t.productId, t.currency, t.region, t.skuId, t.day, t.contributorId, t.price],
    }),
    // Export, erasure and the cascade from contributors: a narrow index, cheap to maintain.
    index('observations_contributor').on(t.contributorId),
  ],
);

/**
 * One published row per series and UTC day: the robust aggregate of that day's reads. Rewritten by every upload
 * that touches the day, so its pages keep 20 % free for HOT updates (fillfactor 80, set in migration 0005:
 * drizzle-kit does not model table storage parameters).
 */
export const dailyPrices = pgTable(
  'daily_prices',
  {
    productId: text('product_id').notNull(),
    currency: text('currency').notNull(),
    region: text('region').notNull().default(''),
    skuId: text('sku_id').notNull().default(''),
    day: date('day', { mode: 'string' }).notNull(),
    minPrice: bigint('min_price', { mode: 'number' }).notNull(),
    medianPrice: bigint('median_price', { mode: 'number' }).notNull(),
    maxPrice: bigint('max_price', { mode: 'number' }).notNull(),
    observations: integer('observations').notNull(),
    contributors: integer('contributors').notNull(),
    confirmed: boolean('confirmed').notNull(),
    /** Some accepted read carried a flag (flash deal, lot price): kept in history, never a deal. */
    flagged: boolean('flagged').notNull().default(false),
    /**
     * The day's counted reads, flat (contributor id, price, flagged 0/1, …), sorted — what the figures above are
     * aggregated from, so a new read updates this row alone (rollup.ts). Emptied by retention with the raw
     * reads. A row whose reads give no publishable vote has `contributors = 0` and is not published.
     */
    reads: bigint('reads', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /** Bumped by every write: the optimistic check of rollup.ts. */
    revision: integer('revision').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'daily_prices_pk', columns: [t.productId, t.currency, t.region, t.skuId, t.day] }),
    index('daily_prices_deals')
      .on(t.currency, t.region, t.day)
      .where(sql`${t.confirmed} AND NOT ${t.flagged}`),
  ],
);

/**
 * Web Push subscriptions of PWA installs (routes/push.ts). No identity: a push endpoint is an unguessable
 * capability URL of one browser, kept with the keys needed to encrypt for it. Removed when the push service
 * answers 404/410 or the app unsubscribes.
 */
export const pushSubscriptions = pgTable('push_subscriptions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  endpoint: text('endpoint').notNull().unique(),
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** The targets one subscription watches (money in minor units of `currency`). */
export const pushWatches = pgTable(
  'push_watches',
  {
    subscriptionId: bigint('subscription_id', { mode: 'number' })
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    productId: text('product_id').notNull(),
    currency: text('currency').notNull(),
    region: text('region').notNull().default(''),
    target: bigint('target', { mode: 'number' }).notNull(),
    /** Hysteresis: false after an alert until the price is seen above the target again. */
    armed: boolean('armed').notNull().default(true),
    notifiedDay: date('notified_day', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ name: 'push_watches_pk', columns: [t.subscriptionId, t.productId, t.currency, t.region] }),
    index('push_watches_series').on(t.productId, t.currency, t.region),
  ],
);

/** Pairing (routes/pair.ts): one end-to-end encrypted watchlist per pair; the key never reaches the server. */
export const pairBlobs = pgTable('pair_blobs', {
  pairId: text('pair_id').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
