/** Small request helpers shared by the routers. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** Parse a JSON body: 415 without a JSON content type, 400 on malformed JSON. */
export async function readJson(c: Context, { optional = false } = {}): Promise<unknown> {
  const text = await c.req.text();
  if (optional && text.trim() === '') return {};
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON');
  }
}

/** Validate with a zod schema; the first issue becomes a 400 message. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw new ApiError(400, 'bad_request', `Invalid ${what}${where}: ${issue?.message ?? 'rejected'}`);
  }
  return result.data;
}

/**
 * The client address for rate limiting only (never stored). Cloudflare sets CF-Connecting-IP itself; local.ts
 * overwrites it from the socket so a client cannot pick its own bucket.
 */
export function clientIp(c: Context): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown';
}

/** `waitUntil` when the runtime has an execution context (Workers), otherwise just let the promise run. */
export function afterResponse(c: Context, work: Promise<unknown>): void {
  const settled = work.catch(() => {});
  try {
    c.executionCtx.waitUntil(settled);
  } catch {
    // Node: no execution context; the promise finishes on its own.
  }
}
