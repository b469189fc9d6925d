/**
 * Pairing storage: one opaque, end-to-end encrypted watchlist per pair (shared/pairing.ts). The server knows a
 * random-looking pair id and ciphertext, nothing else; the id is derived from a 128-bit secret only the paired
 * devices hold, so it doubles as the capability to read, write or delete the blob.
 */
import { and, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { PAIR_LIMITS, type PairBlob, pairIdSchema, pairWriteSchema } from '../../../shared/api-pwa.ts';
import type { AppEnv } from '../app-env.ts';
import { pairBlobs } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { parseOr400, readJson } from '../request.ts';

export const pair = new Hono<AppEnv>()
  .use(async (c, next) => {
    // Before reading a body: a write is a few KB, never more than the limit.
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > PAIR_LIMITS.maxCiphertextChars + 1024)
      throw new ApiError(413, 'payload_too_large', 'Blob too large');
    c.header('Cache-Control', 'no-store');
    await next();
  })
  .get('/:pairId', async (c) => {
    const pairId = parseOr400(pairIdSchema, c.req.param('pairId'), 'pair id');
    const [row] = await c.var.db
      .select({ ciphertext: pairBlobs.ciphertext, version: pairBlobs.version })
      .from(pairBlobs)
      .where(eq(pairBlobs.pairId, pairId));
    if (!row) throw new ApiError(404, 'not_found', 'Nothing stored for this pair');
    return c.json(row satisfies PairBlob);
  })
  .post('/:pairId', async (c) => {
    const pairId = parseOr400(pairIdSchema, c.req.param('pairId'), 'pair id');
    const raw = await readJson(c);
    const text = (raw as { ciphertext?: unknown } | null)?.ciphertext;
    if (typeof text === 'string' && text.length > PAIR_LIMITS.maxCiphertextChars) {
      throw new ApiError(413, 'payload_too_large', 'Blob too large');
    }
    const body = parseOr400(pairWriteSchema, raw, 'pair blob');
    const db = c.var.db;
    const version = body.baseVersion + 1;
    const written =
      body.baseVersion === 0
        ? await db
            .insert(pairBlobs)
            .values({ pairId, ciphertext: body.ciphertext, version })
            .onConflictDoNothing()
            .returning({ version: pairBlobs.version })
        : await db
            .update(pairBlobs)
            .set({ ciphertext: body.ciphertext, version, updatedAt: sql`now()` })
            .where(and(eq(pairBlobs.pairId, pairId), eq(pairBlobs.version, body.baseVersion)))
            .returning({ version: pairBlobs.version });
    if (written.length === 0) {
      // Another device wrote first: the client fetches, merges and writes again.
      throw new ApiError(409, 'bad_request', 'The watchlist changed meanwhile: fetch, merge and retry');
    }
    return c.json({ version }, 200);
  })
  .delete('/:pairId', async (c) => {
    const pairId = parseOr400(pairIdSchema, c.req.param('pairId'), 'pair id');
    const deleted = await c.var.db
      .delete(pairBlobs)
      .where(eq(pairBlobs.pairId, pairId))
      .returning({ id: pairBlobs.pairId });
    return c.json({ deleted: deleted.length });
  });
