import { describe, expect, it } from 'vitest';
import {
  choose,
  DEFAULTS,
  emptySignals,
  learn,
  MAX_SAMPLES,
  parseSignals,
  preferences,
  recordOpen,
  recordSession,
  type UsageSignals,
} from './personalization.ts';

const at = (hour: number) => new Date(2026, 10, 25, hour, 0);
const visits = (s: UsageSignals, n: number, hour: number, width: number, list = 3) => {
  let out = s;
  for (let i = 0; i < n; i++) out = recordSession(out, at(hour), width, list);
  return out;
};

describe('personalization', () => {
  it('keeps the defaults until there is enough use to learn from', () => {
    expect(preferences(emptySignals())).toEqual(DEFAULTS);
    expect(preferences(visits(emptySignals(), 4, 23, 1400, 100))).toEqual(DEFAULTS);
  });

  it('goes dark for a night-time shopper, grid on wide windows, compact for long lists', () => {
    const s = visits(emptySignals(), 6, 23, 1400, 120);
    const { prefs, why } = learn(s);
    expect(prefs).toMatchObject({ theme: 'dark', layout: 'grid', density: 'compact' });
    expect(why).toMatchObject({ theme: 'night', layout: 'wide', density: 'long-lists' });
    expect(preferences(visits(emptySignals(), 6, 14, 800))).toEqual(DEFAULTS);
  });

  it('puts first the Home section whose products get opened', () => {
    let s = emptySignals();
    s = recordOpen(recordOpen(s, 'cheaper'), 'cheaper');
    s = recordOpen(s, 'for-you');
    expect(preferences(s).homeOrder).toEqual(['cheaper', 'for-you']);
  });

  it('lets an explicit choice win over what was learned', () => {
    const s = choose(visits(emptySignals(), 6, 23, 1400), { theme: 'light', layout: 'list' });
    expect(preferences(s)).toMatchObject({ theme: 'light', layout: 'list' });
  });

  it('keeps a bounded history and starts over on a malformed stored value', () => {
    expect(visits(emptySignals(), MAX_SAMPLES + 10, 12, 900).sessions).toHaveLength(MAX_SAMPLES);
    expect(parseSignals({ sessions: 'x' })).toEqual(emptySignals());
    expect(parseSignals(null)).toEqual(emptySignals());
  });
});
