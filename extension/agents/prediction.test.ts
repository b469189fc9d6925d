import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../shared/domain.ts';
import type { DailySeries } from '../../shared/predict/daily.ts';
import { dayNumber } from '../../shared/predict/daily.ts';
import { type CompanionDb, openDb, seriesKeyOf } from '../db.ts';
import type { PredictionView } from '../messaging.ts';
import { predictionAgent, predictionSeries } from './prediction.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 10); // 2026-10-01 10:00 UTC
const PRODUCT = '1005012410104961';

function read(day: number, price: number, overrides: Partial<Observation> = {}): Observation {
  return {
    productId: PRODUCT,
    skuId: null,
    currency: 'EUR',
    region: 'DE',
    price,
    originalPrice: null,
    shipping: null,
    observedAt: T0 + day * DAY,
    flags: [],
    ...overrides,
  };
}

describe('predictionSeries', () => {
  it('is one price per UTC day (the day median), carried over unread days up to today', () => {
    const series = predictionSeries(
      [read(0, 1000), read(0.2, 1200), read(0.3, 1100), read(3, 900)],
      T0 + 5 * DAY,
    );
    expect(series).toEqual({ startDay: dayNumber('2026-10-01'), prices: [1100, 1100, 1100, 900, 900, 900] });
  });

  it('reads the latest product-level series only: no variants, other currencies or regions, new-user or out-of-stock prices', () => {
    const rows = [
      read(0, 5000, { currency: 'USD', region: 'US' }),
      read(1, 1000),
      read(1.5, 10, { skuId: '12000058476050807' }),
      read(2, 500, { flags: ['new-user-price'] }),
      read(2.5, 700, { flags: ['out-of-stock'] }),
      read(3, 1100),
    ];
    expect(predictionSeries(rows, T0 + 3 * DAY)).toEqual({
      startDay: dayNumber('2026-10-02'),
      prices: [1000, 1000, 1100],
    });
  });

  it('ignores reads after `now` and answers null without a product-level read', () => {
    expect(predictionSeries([read(0, 1000), read(2, 10)], T0 + DAY)?.prices).toEqual([1000, 1000]);
    expect(predictionSeries([read(0, 10, { skuId: '1' })], T0 + DAY)).toBeNull();
    expect(predictionSeries([], T0)).toBeNull();
  });
});

describe('prediction agent', () => {
  let db: CompanionDb;
  let asked: DailySeries[];
  const answer: PredictionView = {
    prediction: { kind: 'no-price-today', message: 'stub' },
    heldOut: ['stub'],
    modelMs: 1,
  };
  const agent = () =>
    predictionAgent(db, {
      now: () => T0 + 40 * DAY,
      predict: async (series) => {
        asked.push(series);
        return answer;
      },
    });
  const ask = (productId: string) =>
    agent().handlers!['price:prediction']!({ productId }, { kind: 'ui', tabId: null, url: null });

  beforeEach(() => {
    db = openDb(`test-${crypto.randomUUID()}`);
    asked = [];
  });
  afterEach(async () => {
    await db.delete();
  });

  async function store(reads: Observation[]) {
    await db.observations.bulkAdd(reads.map((r) => ({ ...r, series: seriesKeyOf(r) })));
  }

  it('says "too little history" under 30 days without starting the model', async () => {
    await store([read(20, 1000), read(40, 900)]);
    const view = await ask(PRODUCT);
    expect(view).toEqual({
      prediction: {
        kind: 'too-little-history',
        historyDays: 21,
        neededDays: 30,
        message: 'Too little price history to predict: 21 of 30 days seen.',
      },
      heldOut: [],
      modelMs: null,
    });
    expect(asked).toEqual([]);
  });

  it('hands the stored daily series to the model from 30 days on', async () => {
    await store([read(11, 1000), read(40, 900)]);
    expect(await ask(PRODUCT)).toBe(answer);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.prices).toHaveLength(30);
    expect(asked[0]!.prices.at(-1)).toBe(900);
  });

  it('answers null for a product it never read', async () => {
    expect(await ask('1005000000000000')).toBeNull();
    expect(asked).toEqual([]);
  });
});
