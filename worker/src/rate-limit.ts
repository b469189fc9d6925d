import type { RateLimiter } from './env.ts';

/**
 * In-memory stand-in for the Workers rate-limit binding (same `limit({ key })` interface), for the Node server.
 * A fixed window per key, like the binding's `simple` configuration.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly options: { limit: number; periodSeconds: number },
    private readonly now: () => number = Date.now,
  ) {}

  async limit({ key }: { key: string }): Promise<{ success: boolean }> {
    const now = this.now();
    const periodMs = this.options.periodSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || now - w.start >= periodMs) {
      // Sweep expired windows now and then so a scan of many addresses cannot grow the map without bound.
      if (this.windows.size > 10_000) {
        for (const [k, v] of this.windows) if (now - v.start >= periodMs) this.windows.delete(k);
      }
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return { success: w.count <= this.options.limit };
  }
}
