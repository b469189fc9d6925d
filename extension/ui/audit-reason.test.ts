import { afterEach, describe, expect, it } from 'vitest';
import {
  type AlertSettings,
  createWatchState,
  DEFAULT_ALERT_SETTINGS,
  type Decision,
  type DecisionReasonCode,
  type DecisionWhy,
  evaluateRead,
  planDelivery,
  type Watch,
  type WatchRead,
} from '../../shared/alerts.ts';
import { T0, testRead, testWatch } from '../../shared/testing/alerts.ts';
import { auditText, reasonVars } from './audit-text.ts';
import { DICTIONARIES, setLocale } from './i18n.ts';

const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, timeZone: 'Europe/Berlin' };

const watch = testWatch;

const read = (price: number, extra: Partial<WatchRead> = {}): WatchRead =>
  testRead(T0 + 60_000, price, extra);

/** The decisions the rules really make for one read after a baseline of 1000 (10.00 EUR). */
function decide(w: Watch, r: WatchRead): Decision[] {
  const state = createWatchState(w, { price: 1000, inStock: true, lowest: null, typical: null }, settings);
  return evaluateRead({ watch: w, state, read: r, history: [], settings }).decisions;
}

/** The reason part of an audit row as the Privacy centre shows it (`{decision}: {reason}`). */
function shown(reason: string, why: DecisionWhy, currency = 'EUR'): string {
  const text = auditText({
    detail: 'x',
    message: { key: 'decision', vars: { decision: 'ignored', reason, ...reasonVars(why, currency) } },
  });
  return text.slice(text.indexOf(': ') + 2);
}

/** One example per code: a type error here when a code is added without an example. */
const EXAMPLES: Record<DecisionReasonCode, DecisionWhy['vars']> = {
  replay: {},
  readStatus: { status: 'blocked' },
  newUserPrice: {},
  noUsablePrice: {},
  jumpConfirmed: { from: 1000, to: 500 },
  jumpHeld: { pct: 40, from: 1000, to: 500 },
  jumpDiscarded: { price: 500 },
  shortHistory: { count: 3 },
  rearmRose: { price: 1200, threshold: 1000, pct: 5 },
  rearmDays: { count: 7 },
  hysteresis: {},
  cannotShip: {},
  outOfStock: {},
  typeOff: { what: 'target' },
  snoozed: {},
  crossed: { price: 900, threshold: 1000 },
  backInStock: {},
  lowPriority: {},
  levelPriority: { level: 'normal' },
  breakthrough: {},
  quietHours: {},
  paused: {},
};

describe('alert decision reasons in the shopper language', () => {
  afterEach(() => setLocale(['en']));

  it('words every code in every language, differently from English', () => {
    for (const [code, vars] of Object.entries(EXAMPLES) as [DecisionReasonCode, DecisionWhy['vars']][]) {
      setLocale(['en']);
      const english = shown('ENGLISH', { code, vars });
      expect(english, code).not.toBe('ENGLISH');
      for (const language of Object.keys(DICTIONARIES)) {
        setLocale([language]);
        const text = shown('ENGLISH', { code, vars });
        expect(text, `${language} ${code}`).not.toMatch(/\{\w+\}|ENGLISH/);
        if (language !== 'en') expect(text, `${language} ${code}`).not.toBe(english);
      }
    }
  });

  it('reads in English like the reason the rules wrote (no prices in them)', () => {
    const decisions = [
      ...decide(watch({ targetPrice: 950 }), read(900, { flags: ['new-user-price'] })),
      ...decide(watch({ targetPrice: 950 }), read(0)),
      ...decide(watch({ targetPrice: 950 }), read(900, { flags: ['out-of-stock'] })),
      ...decide(watch({ targetPrice: 950 }, { snoozedUntil: T0 + 86_400_000 }), read(900)),
      ...decide(watch({ allTimeLow: true }), read(900)),
    ];
    expect(decisions.map((d) => d.why.code)).toEqual([
      'newUserPrice',
      'noUsablePrice',
      'outOfStock',
      // The same out-of-stock read re-arms back-in-stock.
      'outOfStock',
      'snoozed',
      'shortHistory',
    ]);
    for (const d of decisions.filter((x) => x.why.code !== 'shortHistory'))
      expect(shown(d.reason, d.why)).toBe(d.reason);
    const low = planDelivery({ score: 0, level: 'low' }, settings, T0);
    const normal = planDelivery({ score: 1, level: 'normal' }, settings, T0);
    expect([low.reason, normal.reason]).toEqual(['low priority', 'normal priority']);
    expect(shown(low.reason, low.why)).toBe(low.reason);
    expect(shown(normal.reason, normal.why)).toBe(normal.reason);
  });

  it('shows prices as money in the watch currency and counts with plurals', () => {
    const [fired] = decide(watch({ targetPrice: 950 }), read(900));
    expect(fired?.reason).toBe('price 900 vs threshold 950');
    expect(shown(fired!.reason, fired!.why)).toBe('price €9.00 vs threshold €9.50');
    setLocale(['de-DE']);
    expect(shown(fired!.reason, fired!.why)).toBe('Preis 9,00\u00a0€ gegenüber Schwelle 9,50\u00a0€');
    expect(shown('only 1 days of history', { code: 'shortHistory', vars: { count: 1 } })).toBe(
      'erst 1 Tag Preisverlauf',
    );
    setLocale(['en']);
    expect(shown('only 1 days of history', { code: 'shortHistory', vars: { count: 1 } })).toBe(
      'only 1 day of history',
    );
  });

  it('keeps the English reason for rows without a code this build knows', () => {
    setLocale(['de']);
    const text = auditText({
      detail: 'x',
      message: { key: 'decision', vars: { decision: 'suppressed', reason: 'notifications paused' } },
    });
    expect(text).toBe('unterdrückt: notifications paused');
    const unknown = { code: 'fromANewerVersion', vars: {} } as unknown as DecisionWhy;
    expect(shown('something new', unknown)).toBe('something new');
  });
});
