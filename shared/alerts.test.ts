import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Alert,
  type AlertSettings,
  type AlertType,
  buildDigest,
  createWatchState,
  DEFAULT_ALERT_SETTINGS,
  emptyEngagement,
  evaluateRead,
  isQuietTime,
  localTime,
  nextDigestTime,
  nextLocalTime,
  planDelivery,
  priorityOf,
  productUrl,
  quietEnd,
  readForWatch,
  recordEngagement,
  type Watch,
  type WatchRead,
  type WatchState,
  zonedTimeToEpoch,
} from './alerts.ts';
import type { Observation } from './domain.ts';
import { DAY_MS } from './history.ts';
import { T0, testRead, testWatch } from './testing/alerts.ts';

const HOUR = 3_600_000;

const watch = testWatch;

const read = testRead;

const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, timeZone: 'Europe/Berlin' };

/** Feed reads one by one, carrying state and history like the agent does. */
function run(w: Watch, reads: WatchRead[], s: AlertSettings = settings, initialPrice: number | null = 1000) {
  let state: WatchState = createWatchState(
    w,
    { price: initialPrice, inStock: true, lowest: null, typical: null },
    s,
  );
  const history: Observation[] = [];
  const alerts: Alert[] = [];
  const log: { read: WatchRead; alerts: Alert[]; state: WatchState }[] = [];
  for (const r of reads) {
    const out = evaluateRead({ watch: w, state, read: r, history, settings: s });
    state = out.state;
    alerts.push(...out.alerts);
    log.push({ read: r, alerts: out.alerts, state });
    history.push(r);
  }
  return { state, alerts, log };
}

describe('target price with hysteresis', () => {
  const w = watch({ targetPrice: 900 });

  it('fires once on crossing, not again while the price stays low', () => {
    const { alerts } = run(w, [read(T0 + HOUR, 950), read(T0 + 2 * HOUR, 890), read(T0 + 3 * HOUR, 880)]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ type: 'target', price: 890, threshold: 900 });
    expect(alerts[0]!.title).toBe('Target price reached: €8.90');
    expect(alerts[0]!.body).toBe(
      'USB-C cable. Your target was €9.00. Confirmed: full page read at the regular price.',
    );
    expect(alerts[0]!.body).toContain('Confirmed');
  });

  it('re-arms only after the price rises above the threshold by the margin', () => {
    const { alerts } = run(w, [
      read(T0 + 1 * HOUR, 890), // fires
      read(T0 + 2 * HOUR, 930), // 900 × 1.05 = 945: not yet re-armed
      read(T0 + 3 * HOUR, 890), // no
      read(T0 + 4 * HOUR, 950), // re-armed
      read(T0 + 5 * HOUR, 899), // fires again
    ]);
    expect(alerts.map((a) => a.price)).toEqual([890, 899]);
  });

  it('re-arms after rearmDays while the price stays low (a reminder)', () => {
    const { alerts } = run(w, [read(T0 + HOUR, 890), read(T0 + 3 * DAY_MS, 890), read(T0 + 8 * DAY_MS, 880)]);
    expect(alerts.map((a) => a.price)).toEqual([890, 880]);
  });

  it('a condition already met when the watch is created is not a crossing', () => {
    const { alerts } = run(w, [read(T0 + HOUR, 850)], settings, 850);
    expect(alerts).toHaveLength(0);
  });

  it('a replayed read is ignored', () => {
    const r = read(T0 + HOUR, 890);
    const { alerts, log } = run(w, [r, r]);
    expect(alerts).toHaveLength(1);
    expect(log[1]!.alerts).toHaveLength(0);
  });

  it('landed price adds known shipping', () => {
    const lw = watch({ targetPrice: 900 }, { landed: true });
    expect(run(lw, [read(T0 + HOUR, 850, { shipping: 100 })]).alerts).toHaveLength(0);
    expect(run(lw, [read(T0 + HOUR, 850, { shipping: 0 })]).alerts).toHaveLength(1);
  });

  it('snooze and per-type toggles suppress without disarming', () => {
    const snoozed = watch({ targetPrice: 900 }, { snoozedUntil: T0 + DAY_MS });
    const { alerts } = run(snoozed, [read(T0 + HOUR, 890), read(T0 + DAY_MS + HOUR, 890)]);
    expect(alerts.map((a) => a.observedAt)).toEqual([T0 + DAY_MS + HOUR]);
    const off = { ...settings, enabledTypes: { ...settings.enabledTypes, target: false } };
    expect(run(w, [read(T0 + HOUR, 890)], off).alerts).toHaveLength(0);
  });

  it('out-of-stock and unreachable reads do not fire price alerts', () => {
    expect(run(w, [read(T0 + HOUR, 890, { flags: ['out-of-stock'] })]).alerts).toHaveLength(0);
    expect(run(w, [read(T0 + HOUR, 890, { flags: ['unreachable'] })]).alerts).toHaveLength(0);
  });

  it('the alert URL selects the SKU', () => {
    const sw = watch({ targetPrice: 900 }, { skuId: '12000037658291847' });
    const { alerts } = run(sw, [read(T0 + HOUR, 890, { skuId: '12000037658291847' })]);
    expect(alerts[0]!.url).toBe('https://www.aliexpress.com/item/1005006.html?skuId=12000037658291847');
    expect(productUrl('1', null)).toBe('https://www.aliexpress.com/item/1.html');
  });
});

describe('data-quality guard', () => {
  const w = watch({ targetPrice: 900, allTimeLow: true });

  it('never alerts on new-user-price, blocked or partial reads', () => {
    for (const r of [
      read(T0 + HOUR, 100, { flags: ['new-user-price'] }),
      read(T0 + HOUR, 800, { status: 'blocked' }),
      read(T0 + HOUR, 800, { status: 'partial' }),
    ]) {
      const out = run(w, [r]);
      expect(out.alerts).toHaveLength(0);
      expect(out.state.lastPrice).toBe(1000);
    }
  });

  it('holds a jump of more than 80% until a second read confirms it, and says so', () => {
    const held = run(w, [read(T0 + HOUR, 150)]);
    expect(held.alerts).toHaveLength(0);
    expect(held.state.pending?.price).toBe(150);
    const confirmed = run(w, [read(T0 + HOUR, 150), read(T0 + 2 * HOUR, 151)]);
    expect(confirmed.alerts.map((a) => a.type)).toContain('target');
    for (const a of confirmed.alerts) {
      expect(a.confirmedBySecondRead).toBe(true);
      expect(a.body).toContain('confirmed by a second read');
    }
  });

  it('discards a jump that the next read contradicts', () => {
    const { alerts, state } = run(w, [
      read(T0 + HOUR, 150),
      read(T0 + 2 * HOUR, 1000),
      read(T0 + 3 * HOUR, 150),
    ]);
    expect(alerts).toHaveLength(0);
    expect(state.lowest).toBe(1000);
  });

  it('property: guarded reads never fire and never change what the rules remember', () => {
    const guarded = fc.oneof(
      fc.record({ status: fc.constantFrom('blocked', 'partial', 'not-found', 'unrecognized' as const) }),
      fc.record({ flags: fc.constant(['new-user-price' as const]) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), guarded), { maxLength: 30 }),
        (items) => {
          const reads = items.map(([p, g], i) => read(T0 + (i + 1) * HOUR, p, g as Partial<WatchRead>));
          const { alerts, state } = run(w, reads);
          expect(alerts).toHaveLength(0);
          expect(state.lastPrice).toBe(1000);
          expect(state.rules.target.armed).toBe(true);
        },
      ),
    );
  });
});

describe('% below typical and all-time low', () => {
  it('fires when the price falls the given percent below the 30-day typical price', () => {
    const w = watch({ pctBelowTypical: 20 });
    const reads = Array.from({ length: 20 }, (_, i) => read(T0 + i * DAY_MS, 1000));
    reads.push(read(T0 + 20 * DAY_MS, 810), read(T0 + 20 * DAY_MS + HOUR, 790));
    const { alerts } = run(w, reads);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ type: 'pct-drop', price: 790, threshold: 800 });
  });

  it('"default" uses the global default threshold', () => {
    const w = watch({ pctBelowTypical: 'default' });
    const reads = Array.from({ length: 20 }, (_, i) => read(T0 + i * DAY_MS, 1000));
    reads.push(read(T0 + 20 * DAY_MS, 860));
    expect(run(w, reads).alerts).toHaveLength(0); // default 15%: line 850
    expect(run(w, reads, { ...settings, defaultPctBelowTypical: 10 }).alerts).toHaveLength(1);
  });

  it('all-time low needs enough history and a real improvement', () => {
    const w = watch({ allTimeLow: true });
    const daily = (prices: number[]) => prices.map((p, i) => read(T0 + i * DAY_MS, p));
    expect(run(w, daily([1000, 1000, 900])).alerts).toHaveLength(0); // 3 days of history
    const long = daily([...Array(20).fill(1000), 995, 900, 899, 850]);
    const { alerts } = run(w, long);
    expect(alerts.map((a) => a.price)).toEqual([900, 850]); // 995 and 899 improve < 2%
    expect(alerts[0]!.title).toContain('New all-time low');
  });
});

describe('back in stock', () => {
  it('fires once when an out-of-stock product is buyable again', () => {
    const w = watch({ backInStock: true });
    const { alerts } = run(w, [
      read(T0 + HOUR, 1000, { flags: ['out-of-stock'] }),
      read(T0 + 2 * HOUR, 1000),
      read(T0 + 3 * HOUR, 1000),
      read(T0 + 4 * HOUR, 1000, { flags: ['out-of-stock'] }),
      read(T0 + 5 * HOUR, 1000),
    ]);
    expect(alerts.map((a) => [a.type, a.observedAt])).toEqual([
      ['back-in-stock', T0 + 2 * HOUR],
      ['back-in-stock', T0 + 5 * HOUR],
    ]);
  });

  it('a product watch follows the cheapest in-stock variant', () => {
    const reads = [
      read(T0, 500, { skuId: 'a', flags: ['out-of-stock'] }),
      read(T0, 700, { skuId: 'b' }),
      read(T0, 900, { skuId: 'c' }),
    ];
    expect(readForWatch({ skuId: null }, reads)?.skuId).toBe('b');
    expect(readForWatch({ skuId: 'c' }, reads)?.price).toBe(900);
    expect(readForWatch({ skuId: 'zz' }, reads)).toBeNull();
  });
});

describe('property: no double firing', () => {
  const arbReads = fc.array(
    fc.record({
      dt: fc.integer({ min: 1, max: 3 * DAY_MS }),
      price: fc.integer({ min: 700, max: 1200 }),
      oos: fc.boolean(),
      replay: fc.boolean(),
    }),
    { maxLength: 60 },
  );

  it('between two target alerts the price re-crossed the margin or rearmDays passed; replays add nothing', () => {
    fc.assert(
      fc.property(arbReads, (items) => {
        const w = watch({ targetPrice: 900, backInStock: true });
        let t = T0;
        const reads: WatchRead[] = [];
        for (const it of items) {
          t += it.dt;
          const r = read(t, it.price, it.oos ? { flags: ['out-of-stock'] } : {});
          reads.push(r);
          if (it.replay) reads.push(r);
        }
        const { log } = run(w, reads);
        const ids = log.flatMap((l) => l.alerts.map((a) => a.id));
        expect(new Set(ids).size).toBe(ids.length);
        let lastFire: number | null = null;
        let rearmed = true;
        for (const { read: r, alerts } of log) {
          const fired = alerts.some((a) => a.type === 'target');
          if (fired) {
            expect(
              rearmed || (lastFire != null && r.observedAt - lastFire >= settings.rearmDays * DAY_MS),
            ).toBe(true);
            lastFire = r.observedAt;
            rearmed = false;
          } else if (r.price > 945) rearmed = true;
          if (alerts.length > 0)
            expect(r.price <= 900 || alerts.every((a) => a.type === 'back-in-stock')).toBe(true);
        }
        // The same reads without the replays give the same alerts.
        const unique = reads.filter((r, i) => reads[i - 1] !== r);
        expect(run(w, unique).alerts.map((a) => a.id)).toEqual(ids);
      }),
    );
  });
});

describe('property: hysteresis re-arm', () => {
  it('every dip below the target that follows a rise above target + margin fires exactly once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 100_000 }),
        fc.array(
          fc.tuple(fc.integer({ min: 6, max: 30 }), fc.integer({ min: 0, max: 25 }), fc.nat({ max: 3 })),
          {
            minLength: 1,
            maxLength: 15,
          },
        ),
        (target, cycles) => {
          const w = watch({ targetPrice: target });
          const reads: WatchRead[] = [];
          let t = T0;
          for (const [upPct, downPct, lingering] of cycles) {
            // Up by more than the 5% margin, then down to or below the target, then stay low a few reads
            // (steps stay under the 80% jump guard, which would rightly hold them for a second read).
            t += HOUR;
            reads.push(read(t, Math.ceil(target * (1 + upPct / 100)) + 1));
            const low = Math.max(1, Math.floor(target * (1 - downPct / 100)));
            for (let i = 0; i <= lingering; i++) {
              t += HOUR;
              reads.push(read(t, low));
            }
          }
          const { alerts } = run(w, reads, settings, Math.ceil(target * 1.5));
          expect(alerts.filter((a) => a.type === 'target')).toHaveLength(cycles.length);
        },
      ),
    );
  });
});

describe('priority', () => {
  const base = { flashDeal: false, dealEndsAt: null };
  it('orders types target > all-time low > % drop > back in stock', () => {
    const e = emptyEngagement();
    const scores = (['target', 'all-time-low', 'pct-drop', 'back-in-stock'] as AlertType[]).map(
      (type) => priorityOf({ ...base, type }, e, T0).score,
    );
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(priorityOf({ ...base, type: 'target' }, e, T0).level).toBe('high');
    expect(priorityOf({ ...base, type: 'back-in-stock' }, e, T0).level).toBe('low');
  });

  it('a flash deal ending soon is more urgent', () => {
    const e = emptyEngagement();
    const plain = priorityOf({ ...base, type: 'pct-drop' }, e, T0).score;
    const flash = priorityOf({ type: 'pct-drop', flashDeal: true, dealEndsAt: T0 + 10 * HOUR }, e, T0).score;
    const ending = priorityOf({ type: 'pct-drop', flashDeal: true, dealEndsAt: T0 + HOUR }, e, T0);
    expect(flash).toBeGreaterThan(plain);
    expect(ending.score).toBeGreaterThan(flash);
    expect(ending.level).toBe('high');
  });

  it('a type the shopper keeps dismissing sinks to the digest; clicks lift it', () => {
    let e = emptyEngagement();
    for (let i = 0; i < 4; i++) e = recordEngagement(e, 'pct-drop', 'dismiss');
    expect(priorityOf({ ...base, type: 'pct-drop' }, e, T0).level).toBe('low');
    let c = emptyEngagement();
    for (let i = 0; i < 6; i++) c = recordEngagement(c, 'back-in-stock', 'click');
    expect(priorityOf({ ...base, type: 'back-in-stock' }, c, T0).level).toBe('normal');
  });
});

describe('quiet hours (IANA zone, Intl)', () => {
  const q = (start: string, end: string, timeZone = 'Europe/Berlin') => ({
    quietHours: { enabled: true, start, end },
    timeZone,
  });

  it('spans midnight: 22:00–08:00', () => {
    // Berlin is UTC+1 in January.
    const s = q('22:00', '08:00');
    expect(isQuietTime(Date.UTC(2026, 0, 10, 20, 59), s)).toBe(false); // 21:59
    expect(isQuietTime(Date.UTC(2026, 0, 10, 21, 0), s)).toBe(true); // 22:00
    expect(isQuietTime(Date.UTC(2026, 0, 10, 23, 30), s)).toBe(true); // 00:30
    expect(isQuietTime(Date.UTC(2026, 0, 11, 6, 59), s)).toBe(true); // 07:59
    expect(isQuietTime(Date.UTC(2026, 0, 11, 7, 0), s)).toBe(false); // 08:00
    expect(isQuietTime(Date.UTC(2026, 0, 11, 11, 0), q('13:00', '14:00'))).toBe(false); // 12:00
    expect(isQuietTime(Date.UTC(2026, 0, 11, 12, 30), q('13:00', '14:00'))).toBe(true); // 13:30
    expect(isQuietTime(Date.UTC(2026, 0, 11, 12, 0), q('12:00', '12:00'))).toBe(false);
  });

  it('across the spring-forward night the quiet period ends at 08:00 local in the new offset', () => {
    const s = q('22:00', '08:00');
    // 2026-03-29 02:00 CET → 03:00 CEST. 06:30Z is 07:30 CET the day before but 08:30 CEST after.
    expect(isQuietTime(Date.UTC(2026, 2, 28, 6, 30), s)).toBe(true);
    expect(isQuietTime(Date.UTC(2026, 2, 29, 6, 30), s)).toBe(false);
    const end = quietEnd(Date.UTC(2026, 2, 28, 22, 0), s); // 23:00 CET
    expect(end).toBe(Date.UTC(2026, 2, 29, 6, 0)); // 08:00 CEST
    expect(localTime(end, 'Europe/Berlin')).toMatchObject({ hour: 8, minute: 0, day: 29 });
  });

  it('across the fall-back night too, and in New York', () => {
    const s = q('22:00', '08:00');
    expect(quietEnd(Date.UTC(2026, 9, 24, 21, 0), s)).toBe(Date.UTC(2026, 9, 25, 7, 0)); // 08:00 CET
    const ny = q('22:00', '08:00', 'America/New_York');
    // 2026-03-08 02:00 EST → 03:00 EDT.
    expect(quietEnd(Date.UTC(2026, 2, 8, 4, 0), ny)).toBe(Date.UTC(2026, 2, 8, 12, 0));
  });

  it('maps wall times skipped or repeated by DST changes', () => {
    // 02:30 does not exist on 2026-03-29 in Berlin: it becomes 03:30 CEST (01:30Z).
    expect(zonedTimeToEpoch({ year: 2026, month: 3, day: 29 }, '02:30', 'Europe/Berlin')).toBe(
      Date.UTC(2026, 2, 29, 1, 30),
    );
    // 02:30 happens twice on 2026-10-25: the later one (CET, 01:30Z).
    expect(zonedTimeToEpoch({ year: 2026, month: 10, day: 25 }, '02:30', 'Europe/Berlin')).toBe(
      Date.UTC(2026, 9, 25, 1, 30),
    );
    // West of UTC too: 02:30 does not exist on 2026-03-08 in New York: 03:30 EDT (07:30Z), not 01:30 EST.
    expect(zonedTimeToEpoch({ year: 2026, month: 3, day: 8 }, '02:30', 'America/New_York')).toBe(
      Date.UTC(2026, 2, 8, 7, 30),
    );
    expect(zonedTimeToEpoch({ year: 2026, month: 11, day: 1 }, '01:30', 'America/New_York')).toBe(
      Date.UTC(2026, 10, 1, 6, 30), // the later 01:30 (EST)
    );
  });

  it('property: quiet iff the local clock is in [start, end), for any zone and instant', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
      'UTC',
      'America/Santiago',
    ];
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        hhmm,
        hhmm,
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        (zone, start, end, at) => {
          const s = q(start, end, zone);
          const t = localTime(at, zone);
          const now = t.hour * 60 + t.minute;
          const [sm, em] = [start, end].map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
          const expected =
            sm! === em! ? false : sm! < em! ? now >= sm! && now < em! : now >= sm! || now < em!;
          expect(isQuietTime(at, s)).toBe(expected);
          const e = quietEnd(at, s);
          expect(e).toBeGreaterThanOrEqual(at);
          expect(e - at).toBeLessThanOrEqual(DAY_MS + 2 * HOUR);
          if (expected) {
            const le = localTime(e, zone);
            // The end lands on the end time (or just after it when a DST gap swallowed it).
            expect(isQuietTime(e, s)).toBe(false);
            expect(le.hour * 60 + le.minute).toBeGreaterThanOrEqual(em!);
          }
        },
      ),
    );
  });

  it('property: around DST changes, quiet hours still end at the local end time and nothing lands inside them', () => {
    // Transitions: Berlin and New York spring/fall 2026, Sydney (southern hemisphere) April/October 2026.
    const changes: [string, number][] = [
      ['Europe/Berlin', Date.UTC(2026, 2, 29, 1)],
      ['Europe/Berlin', Date.UTC(2026, 9, 25, 1)],
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Australia/Sydney', Date.UTC(2026, 3, 4, 16)],
      ['Australia/Sydney', Date.UTC(2026, 9, 3, 16)],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.integer({ min: -36 * 60, max: 36 * 60 }),
        fc.constantFrom(['22:00', '08:00'], ['01:30', '03:30'], ['23:00', '02:30'], ['00:00', '06:00']),
        ([zone, change], minutes, [start, end]) => {
          const at = change + minutes * 60_000;
          const s = q(start!, end!, zone);
          const e = quietEnd(at, s);
          expect(isQuietTime(e, s)).toBe(false);
          if (isQuietTime(at, s)) {
            const le = localTime(e, zone);
            const [eh, em] = end!.split(':').map(Number);
            // The end time itself, or the first minute after a spring-forward gap that swallowed it.
            expect(le.hour * 60 + le.minute).toBeGreaterThanOrEqual(eh! * 60 + em!);
            expect(le.hour * 60 + le.minute).toBeLessThanOrEqual(eh! * 60 + em! + 60);
            expect(e - at).toBeLessThanOrEqual(DAY_MS + HOUR);
          } else expect(e).toBe(at);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: nextLocalTime is the first later instant showing that wall time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Tokyo'),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom('09:00', '13:00', '17:00', '00:00', '23:59'),
        (zone, at, hhmm) => {
          const next = nextLocalTime(at, hhmm, zone);
          expect(next).toBeGreaterThan(at);
          expect(next - at).toBeLessThanOrEqual(DAY_MS + HOUR);
          const t = localTime(next, zone);
          expect(`${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`).toBe(hhmm);
        },
      ),
    );
  });
});

describe('delivery plan and digests', () => {
  const quiet: AlertSettings = { ...settings, quietHours: { enabled: true, start: '22:00', end: '08:00' } };
  const night = Date.UTC(2026, 0, 10, 22, 30); // 23:30 Berlin
  const day = Date.UTC(2026, 0, 10, 10, 30); // 11:30 Berlin

  it('immediate outside quiet hours, deferred inside, breakthrough only if allowed', () => {
    const high = { score: 1, level: 'high' as const };
    const normal = { score: 0.7, level: 'normal' as const };
    expect(planDelivery(normal, quiet, day).mode).toBe('now');
    expect(planDelivery(high, quiet, night)).toMatchObject({
      mode: 'deferred',
      at: Date.UTC(2026, 0, 11, 7, 0),
    });
    expect(planDelivery(high, { ...quiet, allowBreakthrough: true }, night).mode).toBe('now');
    expect(planDelivery(normal, { ...quiet, allowBreakthrough: true }, night).mode).toBe('deferred');
  });

  it('low priority waits for the next digest time (default 09:00, 13:00, 17:00)', () => {
    const low = { score: 0.3, level: 'low' as const };
    expect(planDelivery(low, quiet, day)).toMatchObject({ mode: 'digest', at: Date.UTC(2026, 0, 10, 12, 0) });
    expect(planDelivery(low, quiet, night)).toMatchObject({
      mode: 'digest',
      at: Date.UTC(2026, 0, 11, 8, 0),
    });
    // A digest time inside quiet hours is skipped.
    const early = { ...quiet, digestTimes: ['07:00', '18:00'] };
    expect(nextDigestTime(night, early)).toBe(Date.UTC(2026, 0, 11, 17, 0));
  });

  it('property: nothing is planned for quiet hours except an allowed breakthrough', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.constantFrom('high', 'normal', 'low' as const),
        fc.boolean(),
        (now, level, allowBreakthrough) => {
          const s = { ...quiet, allowBreakthrough };
          const plan = planDelivery({ score: 0, level }, s, now);
          if (plan.mode === 'now') {
            expect(!isQuietTime(now, s) || (level === 'high' && allowBreakthrough)).toBe(true);
          } else {
            expect(plan.at).toBeGreaterThan(now - 1);
            expect(isQuietTime(plan.at, s)).toBe(false);
          }
          if (plan.mode === 'digest') {
            const t = localTime(plan.at, s.timeZone);
            expect(s.digestTimes).toContain(
              `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`,
            );
          }
        },
      ),
    );
  });

  it('batches alerts into one digest: newest per watch and type, stable id', () => {
    const mk = (watchId: string, type: AlertType, at: number): Alert => ({
      id: `${watchId}|${type}|${at}`,
      watchId,
      productId: 'p',
      skuId: null,
      url: null,
      type,
      currency: 'EUR',
      price: 100,
      threshold: null,
      observedAt: at,
      confirmedBySecondRead: false,
      flashDeal: false,
      dealEndsAt: null,
      title: `${type} ${watchId}`,
      body: 'x. y',
    });
    const alerts = [mk('a', 'back-in-stock', 1), mk('a', 'back-in-stock', 2), mk('b', 'pct-drop', 3)];
    const d = buildDigest(alerts)!;
    expect(d.alertIds).toHaveLength(3);
    expect(d.title).toBe('2 price updates');
    expect(d.body.split('\n')).toHaveLength(2);
    expect(d.body.split('\n')[0]).toContain('pct-drop b');
    expect(buildDigest([...alerts].reverse())!.id).toBe(d.id);
    expect(buildDigest([])).toBeNull();
  });

  it('property: a digest covers every alert it was given, one line per watch and type', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            w: fc.constantFrom('a', 'b', 'c'),
            type: fc.constantFrom(
              ...(['target', 'all-time-low', 'pct-drop', 'back-in-stock'] as AlertType[]),
            ),
            at: fc.integer({ min: 1, max: 1e6 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (items) => {
          const alerts = items.map(
            ({ w, type, at }, i): Alert => ({
              id: `${w}|${type}|${at}|${i}`,
              watchId: w,
              productId: 'p',
              skuId: null,
              url: null,
              type,
              currency: 'EUR',
              price: 1,
              threshold: null,
              observedAt: at,
              confirmedBySecondRead: false,
              flashDeal: false,
              dealEndsAt: null,
              title: 't',
              body: 'b',
            }),
          );
          const d = buildDigest(alerts)!;
          expect(new Set(d.alertIds)).toEqual(new Set(alerts.map((a) => a.id)));
          expect(d.body.split('\n')).toHaveLength(new Set(items.map((x) => `${x.w}|${x.type}`)).size);
        },
      ),
    );
  });
});
