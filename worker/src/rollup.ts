/**
 * Keeps `daily_prices` in step with `observations`. Each rollup row carries, besides the published figures, the
 * day's *counted reads* (`reads`: contributor, price, flagged — exactly the raw reads whose flags do not exclude
 * them) and a `revision`. A change to a series-day is then a small, commutative update of that one row: merge
 * the new reads into its list (or rebuild the list from raw reads after an erasure) and re-aggregate it with
 * `aggregateCounted` (aggregate.ts, the one statement of the rules). No raw row is read on ingest and no lock
 * other than the rollup row's own is needed.
 *
 * Concurrency: writes are optimistic. The new state is computed from the row as read (without a lock) and
 * written with `ON CONFLICT DO UPDATE … WHERE revision = the one read`; PostgreSQL locks and re-checks the
 * latest committed row version, so a write computed from a stale row changes nothing and is redone under
 * `FOR UPDATE`. Rows are written and locked in key order, so two transactions cannot deadlock. A row's lock is
 * held from that write to the commit: the write is the transaction's last statement.
 *
 * Rows are never deleted while their day can still change (a day left without any publishable vote keeps a row
 * with `contributors = 0` and the published figures at 0): a deleted and re-created row would restart its
 * revision and let a stale write through. Readers of published figures skip such rows (`contributors > 0`, or
 * `confirmed`); retention.ts drops them with the raw reads.
 */
import { type SQL, sql } from 'drizzle-orm';
import { AGGREGATE_RULES, aggregateCounted, type CountedRead } from './aggregate.ts';
import { type Db, queryRows } from './db/client.ts';

/** sku and region use '' for none, as in the tables. */
export interface SeriesDay {
  productId: string;
  currency: string;
  region: string;
  skuId: string;
  day: string;
}

/** A series-day as read: its row's revision (null: no row), counted reads, and the far rule's reference. */
export interface SeriesState {
  key: SeriesDay;
  revision: number | null;
  reads: CountedRead[];
  reference: number | null;
}

export const keyString = (k: SeriesDay) => `${k.productId}|${k.currency}|${k.region}|${k.skuId}|${k.day}`;

/** The flags that keep a read out of the counted reads, as a SQL array. */
export const excludedFlagsSql = () => sql`${sql.param([...AGGREGATE_RULES.excludedFlags])}::text[]`;

/**
 * `reads` is stored flat (contributor, price, flagged 0/1, …) in one bigint[]: a few dozen bytes for a typical
 * day, no per-element header. Sorted by contributor then price so that equal states compare equal.
 */
export function encodeReads(reads: readonly CountedRead[]): string {
  const sorted = [...reads].sort((a, b) => a.contributorId - b.contributorId || a.price - b.price);
  return `{${sorted.map((r) => `${r.contributorId},${r.price},${r.flagged ? 1 : 0}`).join(',')}}`;
}

export function decodeReads(flat: readonly (number | string)[] | null): CountedRead[] {
  const out: CountedRead[] = [];
  if (!flat) return out;
  for (let i = 0; i + 2 < flat.length; i += 3) {
    out.push({
      contributorId: Number(flat[i]),
      price: Number(flat[i + 1]),
      flagged: Number(flat[i + 2]) === 1,
    });
  }
  return out;
}

/**
 * The far rule's reference for series-day `t` (columns p, c, r, s, d): the last confirmed median of the 30 days
 * before. Those rows belong to other series-days; like the rules always did, it is read when the day is
 * re-aggregated.
 */
export const referenceOf = (t: string) =>
  sql.raw(`(SELECT dp.median_price FROM daily_prices dp
    WHERE dp.product_id = ${t}.p AND dp.currency = ${t}.c AND dp.region = ${t}.r AND dp.sku_id = ${t}.s
      AND dp.day < ${t}.d AND dp.day >= ${t}.d - 30 AND dp.confirmed
    ORDER BY dp.day DESC LIMIT 1)`);

/** The row of series-day `t` (columns p, c, r, s, d), as a lateral subquery: always an index lookup. */
export const stateOf = (t: string) =>
  sql.raw(`(SELECT dp.revision, dp.reads FROM daily_prices dp
    WHERE dp.product_id = ${t}.p AND dp.currency = ${t}.c AND dp.region = ${t}.r AND dp.sku_id = ${t}.s
      AND dp.day = ${t}.d)`);

/** Distinct keys as a relation k(p, c, r, s, d), in the one lock order every writer uses. */
function keysRelation(keys: readonly SeriesDay[]): SQL {
  return sql`(SELECT DISTINCT p, c, r, s, d
      FROM unnest(${sql.param(keys.map((k) => k.productId))}::text[], ${sql.param(keys.map((k) => k.currency))}::text[],
                  ${sql.param(keys.map((k) => k.region))}::text[], ${sql.param(keys.map((k) => k.skuId))}::text[],
                  ${sql.param(keys.map((k) => k.day))}::date[]) AS u(p, c, r, s, d)
      ORDER BY p, c, r, s, d) AS k`;
}

export type StateRow = [
  string,
  string,
  string,
  string,
  string,
  number | null,
  (number | string)[] | null,
  number | null,
];

/** Rows of `json_build_array(p, c, r, s, day text, revision, flat reads, reference)` → states. */
export function parseStates(rows: readonly StateRow[] | null): SeriesState[] {
  return (rows ?? []).map(([productId, currency, region, skuId, day, revision, reads, reference]) => ({
    key: { productId, currency, region, skuId, day },
    revision: revision == null ? null : Number(revision),
    reads: decodeReads(reads),
    reference: reference == null ? null : Number(reference),
  }));
}

/**
 * Reads the states of `keys`. With `lock`, under their rows' locks, taken in key order in a statement of their
 * own so that the read after it sees whatever a transaction that held one of them committed. With `rebuild`, the
 * counted reads come from the raw rows instead of the rollup row (erasure).
 */
export async function readStates(
  tx: Db,
  keys: readonly SeriesDay[],
  { lock, rebuild }: { lock: boolean; rebuild: boolean },
): Promise<SeriesState[]> {
  if (lock)
    await tx.execute(sql`SELECT count(*) FROM ${keysRelation(keys)}
      CROSS JOIN LATERAL (SELECT 1 FROM daily_prices dp
        WHERE dp.product_id = k.p AND dp.currency = k.c AND dp.region = k.r AND dp.sku_id = k.s AND dp.day = k.d
        FOR UPDATE) AS l`);
  const reads = rebuild
    ? sql`(SELECT array(SELECT unnest(array_agg(ARRAY[o.contributor_id, o.price, (cardinality(o.flags) > 0)::int]
                                                 ORDER BY o.contributor_id, o.price)))
           FROM observations o
           WHERE o.product_id = k.p AND o.currency = k.c AND o.region = k.r AND o.sku_id = k.s AND o.day = k.d
             AND NOT (o.flags && ${excludedFlagsSql()}))`
    : sql`st.reads`;
  const [row] = await queryRows<{ states: StateRow[] | null }>(
    tx,
    sql`SELECT json_agg(json_build_array(k.p, k.c, k.r, k.s, to_char(k.d, 'YYYY-MM-DD'), st.revision, ${reads},
                                         ${referenceOf('k')})) AS states
        FROM ${keysRelation(keys)} LEFT JOIN LATERAL ${stateOf('k')} AS st ON true`,
  );
  return parseStates(row?.states ?? null);
}

/** A state to write: its counted reads, and the revision it was computed from (null: no row then). */
export interface StateWrite {
  key: SeriesDay;
  from: number | null;
  reads: CountedRead[];
  reference: number | null;
}

/**
 * Writes the new states, each only if its row is still at the revision it was computed from, in key order.
 * Returns the ones that were not written (their row changed meanwhile; it is now locked by this transaction).
 * A state without counted reads and without a row writes nothing.
 */
export async function writeStates(tx: Db, writes: readonly StateWrite[]): Promise<StateWrite[]> {
  const rows = writes.filter((w) => w.from != null || w.reads.length > 0);
  if (rows.length === 0) return [];
  const pub = rows.map((w) => aggregateCounted(w.reads, w.reference));
  const col = <T>(pick: (w: StateWrite, i: number) => T) => sql.param(rows.map(pick));
  const [result] = await queryRows<{ missed: number[] | null }>(
    tx,
    sql`WITH input AS (
          SELECT * FROM unnest(
            ${col((w) => w.key.productId)}::text[], ${col((w) => w.key.currency)}::text[],
            ${col((w) => w.key.region)}::text[], ${col((w) => w.key.skuId)}::text[], ${col((w) => w.key.day)}::date[],
            ${col((_, i) => pub[i]?.minPrice ?? 0)}::bigint[], ${col((_, i) => pub[i]?.medianPrice ?? 0)}::bigint[],
            ${col((_, i) => pub[i]?.maxPrice ?? 0)}::bigint[], ${col((_, i) => pub[i]?.observations ?? 0)}::int[],
            ${col((_, i) => pub[i]?.contributors ?? 0)}::int[], ${col((_, i) => pub[i]?.confirmed ?? false)}::bool[],
            ${col((_, i) => pub[i]?.flagged ?? false)}::bool[], ${col((w) => encodeReads(w.reads))}::text[],
            ${col((w) => (w.from ?? 0) + 1)}::int[]
          ) WITH ORDINALITY AS t(p, c, r, s, d, mn, md, mx, ob, ct, cf, fl, rd, rev, i)
        ), up AS (
          INSERT INTO daily_prices AS dp (product_id, currency, region, sku_id, day, min_price, median_price,
                                          max_price, observations, contributors, confirmed, flagged, reads,
                                          revision, updated_at)
          SELECT p, c, r, s, d, mn, md, mx, ob, ct, cf, fl, rd::bigint[], rev, now() FROM input
          ORDER BY p, c, r, s, d
          ON CONFLICT (product_id, currency, region, sku_id, day) DO UPDATE SET
            min_price = excluded.min_price, median_price = excluded.median_price, max_price = excluded.max_price,
            observations = excluded.observations, contributors = excluded.contributors,
            confirmed = excluded.confirmed, flagged = excluded.flagged, reads = excluded.reads,
            revision = excluded.revision, updated_at = excluded.updated_at
          WHERE dp.revision = excluded.revision - 1
          RETURNING product_id, currency, region, sku_id, day
        )
        SELECT array_agg(input.i) AS missed FROM input
        WHERE NOT EXISTS (SELECT 1 FROM up WHERE up.product_id = input.p AND up.currency = input.c
                            AND up.region = input.r AND up.sku_id = input.s AND up.day = input.d)`,
  );
  return (result?.missed ?? []).map((i) => rows[Number(i) - 1]!);
}

/**
 * Applies `change` to the series-days of `states` (as read, possibly stale): one optimistic write, then the
 * ones that lost a race again under their rows' locks. `rebuild` re-reads counted reads from the raw rows.
 */
export async function applyChange(
  tx: Db,
  states: readonly SeriesState[],
  change: (s: SeriesState) => CountedRead[],
  rebuild = false,
): Promise<void> {
  let missed = await writeStates(
    tx,
    states.map((s) => ({ key: s.key, from: s.revision, reads: change(s), reference: s.reference })),
  );
  // A missed row is locked by this transaction already: `ON CONFLICT DO UPDATE` locks the row even when its
  // WHERE fails (after waiting for the transaction that changed it). So the next statement, whose snapshot starts
  // after that, reads its latest state without a lock statement of its own (one round trip less while holding
  // the locks), and the second round lands. The bound is a guard against a reasoning error, not a retry policy.
  for (let round = 0; missed.length > 0; round++) {
    if (round === 2)
      throw new Error(`rollup rows kept changing: ${missed.map((m) => keyString(m.key)).join(', ')}`);
    const locked = await readStates(
      tx,
      missed.map((m) => m.key),
      { lock: false, rebuild },
    );
    missed = await writeStates(
      tx,
      locked.map((s) => ({ key: s.key, from: s.revision, reads: change(s), reference: s.reference })),
    );
  }
}

/**
 * Recompute (or unpublish) the rollups of `keys` from their raw reads, after reads were erased; returns how
 * many series-days were touched.
 */
export async function recomputeRollups(tx: Db, input: readonly SeriesDay[]): Promise<number> {
  if (input.length === 0) return 0;
  const states = await readStates(tx, input, { lock: true, rebuild: true });
  await applyChange(tx, states, (s) => s.reads, true);
  return states.length;
}
