import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../shared/predict/daily.ts';
import { loadHeissepreise, loadSteam } from './datasets.ts';

// Reads the real histories in ../shared/data/price-history (COMPANION_SHARED_DIR).
describe('price-history datasets', () => {
  it('Steam: every game, daily from its first event to the file’s last day, in cents', () => {
    const steam = loadSteam();
    expect(steam.products).toHaveLength(1627);
    const end = dayNumber('2025-10-16');
    for (const p of steam.products) expect(p.series.startDay + p.series.prices.length - 1).toBe(end);
    const prices = steam.products.flatMap((p) => p.series.prices.filter((v): v is number => v != null));
    expect(prices.every(Number.isInteger)).toBe(true);
    // The 2025 Autumn Sale is in the data: most games changed price on 09-29.
    const day = dayNumber('2025-09-29');
    const changed = steam.products.filter((p) => {
      const t = day - p.series.startDay;
      return t > 0 && p.series.prices[t] !== p.series.prices[t - 1];
    });
    expect(changed.length).toBeGreaterThan(1000);
  });

  it('heissepreise: a seeded uniform sample, series from the first 2023 scrape to 2023-10-19', () => {
    const a = loadHeissepreise({ sample: 300, seed: 7 });
    expect(a.totalProducts).toBe(160552);
    expect(a.products).toHaveLength(300);
    // Same seed, same sample (the training run depends on it); the ids are spread over the stores.
    expect(new Set(a.products.map((p) => p.id.split(':')[0])).size).toBeGreaterThan(5);
    for (const p of a.products) {
      expect(p.series.startDay).toBeGreaterThanOrEqual(dayNumber('2023-05-15'));
      expect(p.series.startDay + p.series.prices.length - 1).toBe(dayNumber('2023-10-19'));
    }
  });
});
