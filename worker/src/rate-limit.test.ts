import { expect, it } from 'vitest';
import { dailyQuota } from './quota.ts';
import { MemoryRateLimiter } from './rate-limit.ts';

it('limits per key per fixed window, like the Workers binding', async () => {
  let now = 0;
  const limiter = new MemoryRateLimiter({ limit: 2, periodSeconds: 10 }, () => now);
  const ok = async (key: string) => (await limiter.limit({ key })).success;
  expect([await ok('a'), await ok('a'), await ok('a'), await ok('b')]).toEqual([true, true, false, true]);
  now = 10_000;
  expect(await ok('a')).toBe(true);
});

it('ramps the daily quota with credential age up to the ceiling', () => {
  const day = 86_400_000;
  expect([0, 1, 2, 3, 10].map((d) => dailyQuota(0, d * day + 5, 200, 5000))).toEqual([
    200, 400, 800, 1600, 5000,
  ]);
});
