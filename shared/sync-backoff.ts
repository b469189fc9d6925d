/**
 * When to try an upload again. Exponential with "equal jitter" (half the delay fixed, half random): many installs
 * that lost the API at the same moment do not all come back at the same second, yet none retries sooner than half
 * its step. A server's Retry-After is a floor, never shortened.
 */

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 6 * 3_600_000;
/** A Retry-After beyond this is a broken header, not advice: a day is the longest the quota ever asks for. */
export const RETRY_AFTER_CAP_MS = 25 * 3_600_000;

/** The delay after `failures` consecutive failures (1 = the first one). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** `Retry-After` as delta-seconds or an HTTP date → milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms));
}

/** The next attempt: the backoff step, or later when the server asked for more. */
export function nextAttemptAt(
  now: number,
  failures: number,
  retryAfter: number | null,
  random: () => number = Math.random,
): number {
  return now + Math.max(backoffDelay(failures, random), retryAfter ?? 0);
}
