import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, ErrorResponse, Rejection } from '../../shared/api.ts';

/** Thrown anywhere in a handler; `app.onError` turns it into `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { rejected?: Rejection[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, err: ApiError): Response {
  const body: ErrorResponse = { error: { code: err.code, message: err.message } };
  if (err.extra.rejected) body.error.rejected = err.extra.rejected;
  return c.json(body, err.status, err.extra.headers);
}
