import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, type DailyPoint, type DiscountVerdictKind, discountVerdict, utcDay } from './history.ts';
import { sharedDir } from './testing/shared-dir.ts';

/**
 * The discount verdict on real price histories (Steam via IsThereAnyDeal, ../shared/data/price-history): there the
 * struck-through price is the shop's regular price, which a daily visitor would have seen, so "inflated" must be
 * rare. Steam repeats sales within 30 days, and Omnibus measures a repeated sale against the earlier sale's price:
 * those are "not a discount" (measured 2026-11: 983 of 988 had the same or a lower price in the 30 days before).
 */

interface Event {
  game: string;
  day: string;
  price: number;
  original: number;
}

function loadSteam(): Map<string, Event[]> {
  const text = readFileSync(join(sharedDir(), 'data', 'price-history', 'steam_itad_2025_events.csv'), 'utf8');
  const games = new Map<string, Event[]>();
  for (const line of text.split('\n').slice(1)) {
    // Columns before the quoted publisher list are plain: name, id, date, price, original.
    const m = /^(.*?),([0-9a-f-]{36}),([^,]+),([\d.]+),([\d.]+),/.exec(line);
    if (!m) continue;
    const event: Event = {
      game: m[2]!,
      day: utcDay(Date.parse(m[3]!.replace(' ', 'T'))),
      price: Math.round(Number(m[4]) * 100),
      original: Math.round(Number(m[5]) * 100),
    };
    const list = games.get(event.game);
    if (list) list.push(event);
    else games.set(event.game, [event]);
  }
  return games;
}

/** A shopper visiting daily: each day shows the price of the latest change event at or before it. */
function dailyUpTo(events: Event[], lastDay: string): DailyPoint[] {
  const out: DailyPoint[] = [];
  let i = 0;
  let price: number | null = null;
  for (let day = events[0]!.day; day <= lastDay; day = addDays(day, 1)) {
    while (i < events.length && events[i]!.day <= day) price = events[i++]!.price;
    if (price != null) out.push({ day, min: price, median: price, max: price, count: 1 });
  }
  return out;
}

describe('discount verdict on real Steam price histories', () => {
  it('finds most sales real, repeated sales not a discount, and almost never an honest price inflated', () => {
    const counts: Record<DiscountVerdictKind, number> = {
      none: 0,
      'insufficient-data': 0,
      inflated: 0,
      'not-a-discount': 0,
      real: 0,
    };
    for (const events of loadSteam().values()) {
      events.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      for (const e of events) {
        if (e.original <= e.price) continue;
        const days = dailyUpTo(events, e.day);
        const v = discountVerdict(days, { price: e.price, originalPrice: e.original, day: e.day });
        counts[v.kind]++;
        if (v.kind === 'real') expect(e.price).toBeLessThan(v.reference!);
        if (v.kind === 'not-a-discount' && v.reference != null) {
          expect(e.price).toBeGreaterThanOrEqual(v.reference * 0.98);
        }
      }
    }
    const judged = counts.real + counts.inflated + counts['not-a-discount'];
    console.log('Steam discount verdicts:', JSON.stringify(counts));
    expect(judged).toBeGreaterThan(500);
    expect(counts.real / judged).toBeGreaterThan(0.5);
    expect(counts.inflated / judged).toBeLessThan(0.01);
  });
});
