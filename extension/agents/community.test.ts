import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryResponse } from '../../shared/api.ts';
import type { FetchLike } from '../community-api.ts';
import { type CompanionDb, openDb } from '../db.ts';
import type { Agent } from './agent.ts';
import { communityAgent } from './community.ts';
import { DEFAULT_TTL_MS } from './community-cache.ts';
import { communityDaysOf, mergeDays } from './community-merge.ts';
import { SHARING_KEY } from './sync.ts';
import { addRead } from './sync-test-api.ts';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const DAY = 86_400_000;
const ui = { kind: 'ui' as const, tabId: null, url: null };

function history(days: [string, string, string, string, number][]): HistoryResponse {
  return {
    productId: '1005001',
    currency: 'EUR',
    region: 'DE',
    sku: null,
    days: days.map(([day, min, median, max, contributors]) => ({
      day,
      min,
      median,
      max,
      observations: contributors,
      contributors,
      confirmed: contributors >= 2,
    })),
  };
}

describe('merging own and community days', () => {
  it('keeps the shopper own day where both exist and fills the rest from the community', () => {
    const own = [{ day: '2026-11-25', min: 1000, median: 1000, max: 1000, count: 1 }];
    const community = communityDaysOf(
      history([
        ['2026-11-24', '12.00', '12.50', '13.00', 3],
        ['2026-11-25', '9.00', '9.50', '10.00', 2],
      ]),
    );
    expect(mergeDays(own, community).map((d) => [d.day, d.median, d.source])).toEqual([
      ['2026-11-24', 1250, 'community'],
      ['2026-11-25', 1000, 'own'],
    ]);
  });
});

describe('community agent', () => {
  let db: CompanionDb;
  let now: number;
  let requests: string[];
  let answer: () => Response | Promise<Response>;
  let agent: Agent;

  beforeEach(async () => {
    db = openDb(`test-${crypto.randomUUID()}`);
    now = T0;
    requests = [];
    answer = () =>
      Response.json(
        history([
          ['2026-10-20', '20.00', '20.00', '20.00', 3],
          ['2026-11-10', '20.00', '20.00', '20.00', 2],
          ['2026-11-25', '9.00', '9.50', '10.00', 2],
        ]),
        { headers: { 'cache-control': 'public, max-age=300' } },
      );
    const fetch: FetchLike = async (url) => {
      requests.push(new URL(url).pathname + new URL(url).search);
      return answer();
    };
    agent = communityAgent(db, { fetch, now: () => now });
    await addRead(db, T0 - 2 * DAY, 1000, '1005001', { originalPrice: 2000 });
    await addRead(db, T0, 1000, '1005001', { originalPrice: 2000 });
  });
  afterEach(async () => {
    await db.delete();
  });

  const share = (on: boolean) =>
    db.settings.put({
      key: SHARING_KEY,
      value: { sharing: on, decidedAt: T0, apiBase: 'http://127.0.0.1:1' },
    });
  const view = () => agent.handlers!['community:product']!({ productId: '1005001' }, ui);

  it('asks nothing without consent and keeps the local verdict', async () => {
    const v = await view();
    expect(v).toMatchObject({ status: 'off', currency: 'EUR', region: 'DE', days: [] });
    expect(v!.summary?.lowestEver).toBe(1000);
    expect(v!.summary?.verdict.kind).toBe('insufficient-data'); // two days of own reads: too little alone
    expect(await agent.handlers!['community:deals']!({}, ui)).toMatchObject({ status: 'off', community: [] });
    expect(requests).toEqual([]);
  });

  it('merges community days into the chart and the verdict, from the cache within the TTL', async () => {
    await share(true);
    const first = await view();
    expect(requests).toEqual(['/v1/products/1005001/history?currency=EUR&days=90&region=DE']);
    expect(first).toMatchObject({ status: 'ok', fromCache: false, ownDays: 2 });
    // Own reads win today; the community's October and November days give the verdict its 30 days of history.
    expect(first!.points).toEqual([
      { observedAt: Date.UTC(2026, 9, 20, 12), price: 2000 },
      { observedAt: Date.UTC(2026, 10, 10, 12), price: 2000 },
    ]);
    expect(first!.summary).toMatchObject({ lowestEver: 1000, highestEver: 2000, observedDays: 4 });
    expect(first!.summary!.verdict.kind).toBe('real');

    now += DEFAULT_TTL_MS - 1;
    expect(await view()).toMatchObject({ status: 'ok', fromCache: true, stale: false });
    expect(requests).toHaveLength(1);

    now += 2; // past the TTL: revalidated
    expect(await view()).toMatchObject({ status: 'ok', fromCache: false });
    expect(requests).toHaveLength(2);
  });

  it('without the API: the stale copy when there is one, else "unavailable" — never an error', async () => {
    await share(true);
    answer = () => {
      throw new TypeError('Failed to fetch');
    };
    const cold = await view();
    expect(cold).toMatchObject({ status: 'unavailable', days: [] });
    expect(cold!.summary?.lowestEver).toBe(1000);

    answer = () => Response.json(history([['2026-11-25', '9.00', '9.50', '10.00', 2]]));
    await view();
    now += DEFAULT_TTL_MS + 1;
    answer = () => new Response('bad gateway', { status: 502 });
    expect(await view()).toMatchObject({ status: 'ok', fromCache: true, stale: true });
  });

  it('deals: the community list for the shopper market, and watched products below their typical price', async () => {
    await share(true);
    await addRead(db, T0 - 20 * DAY, 2000, '1005009');
    await addRead(db, T0 - 1000, 1500, '1005009');
    const watch = (productId: string) => ({
      id: `w${productId}`,
      productId,
      skuId: null,
      currency: 'EUR',
      region: 'DE',
      title: `Watched ${productId}`,
      url: null,
      conditions: { targetPrice: null, pctBelowTypical: null, allTimeLow: false, backInStock: false },
      landed: false,
      createdAt: T0 - 30 * DAY,
      snoozedUntil: null,
      series: `${productId}|*|EUR|DE`,
    });
    await db.watchlist.bulkAdd([watch('1005009'), watch('1005001')]);
    answer = () =>
      Response.json({
        currency: 'EUR',
        region: 'DE',
        deals: [
          {
            productId: '1005001',
            sku: null,
            day: '2026-11-25',
            price: '9.50',
            typical: '20.00',
            dropPct: 52.5,
            contributors: 2,
          },
        ],
      });
    const deals = await agent.handlers!['community:deals']!({}, ui);
    expect(requests).toEqual(['/v1/deals?currency=EUR&limit=20&region=DE']);
    expect(deals).toMatchObject({
      status: 'ok',
      currency: 'EUR',
      region: 'DE',
      community: [{ productId: '1005001', price: 950, typical: 2000, dropPct: 52.5, contributors: 2 }],
      // 1005001 sits at its usual price: not a drop.
      watched: [{ productId: '1005009', title: 'Watched 1005009', price: 1500, summary: { typical: 2000 } }],
    });
  });
});
