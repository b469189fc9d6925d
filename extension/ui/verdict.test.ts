import { describe, expect, it } from 'vitest';
import { type DailyPoint, summarizeDays } from '../../shared/history.ts';
import { verdictLines } from './PriceVerdict.tsx';

const days = (prices: number[]): DailyPoint[] =>
  prices.map((p, i) => ({
    day: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    min: p,
    median: p,
    max: p,
    count: 1,
  }));

describe('popup verdict lines', () => {
  it('says lowest in N days, typical price and an inflated discount', () => {
    const history = days([...Array(100).fill(1000), 800]);
    const s = summarizeDays(history, {
      price: 800,
      originalPrice: 2000,
      observedAt: Date.UTC(2026, 3, 11),
      shippingKnown: false,
    })!;
    const text = verdictLines(s, 'USD').map((l) => l.text);
    expect(text[0]).toBe('Lowest price seen');
    expect(text[1]).toMatch(/^Typical price \$10\.00 \(20% below\)$/);
    expect(text[2]).toBe('Discount inflated: original price never seen');
  });

  it('says a real discount against the last 30 days', () => {
    const s = summarizeDays(days([...Array(40).fill(1200), 1000]), {
      price: 1000,
      originalPrice: 1200,
      observedAt: Date.UTC(2026, 1, 10),
      shippingKnown: false,
    })!;
    expect(verdictLines(s, 'USD').map((l) => l.text)).toContain(
      'Real discount: 17% below the last 30 days’ lowest',
    );
  });
});
