/**
 * The on-device UI personalization agent: the dashboard's theme, density, list/grid layout and the order of the
 * Home sections follow how the shopper uses it. Pure: signals in, preferences out; the dashboard keeps the
 * signals in `storage.local` on this device only, and "Reset" forgets them. An explicit choice always wins.
 */

export type Theme = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';
export type Layout = 'list' | 'grid';
export const HOME_SECTIONS = ['for-you', 'cheaper'] as const;
export type HomeSection = (typeof HOME_SECTIONS)[number];

export interface Preferences {
  theme: Theme;
  density: Density;
  layout: Layout;
  homeOrder: HomeSection[];
}

export interface UsageSignals {
  /** Local hour (0–23) and window width of each dashboard visit, newest last (bounded). */
  sessions: { hour: number; width: number }[];
  /** Products listed in History at each visit, newest last (bounded). */
  listSizes: number[];
  /** Products opened from each Home section. */
  opens: Record<HomeSection, number>;
  /** Choices the shopper made in Settings; they override what was learned. */
  chosen: Partial<Omit<Preferences, 'homeOrder'>>;
}

export const MAX_SAMPLES = 30;
/** Fewer visits than this teach nothing: the defaults stay. */
export const MIN_SESSIONS = 5;

export const DEFAULTS: Preferences = {
  theme: 'system',
  density: 'comfortable',
  layout: 'list',
  homeOrder: [...HOME_SECTIONS],
};

export function emptySignals(): UsageSignals {
  return { sessions: [], listSizes: [], opens: { 'for-you': 0, cheaper: 0 }, chosen: {} };
}

const isNight = (hour: number) => hour >= 21 || hour < 7;

/** What was learned, and why (shown in Settings), before explicit choices are applied. */
export function learn(s: UsageSignals): {
  prefs: Preferences;
  why: Partial<Record<keyof Preferences, string>>;
} {
  const prefs: Preferences = { ...DEFAULTS, homeOrder: [...DEFAULTS.homeOrder] };
  const why: Partial<Record<keyof Preferences, string>> = {};
  const n = s.sessions.length;
  if (n >= MIN_SESSIONS) {
    const night = s.sessions.filter((x) => isNight(x.hour)).length / n;
    if (night >= 0.6) {
      prefs.theme = 'dark';
      why.theme = 'night';
    }
    const wide = s.sessions.filter((x) => x.width >= 1000).length / n;
    if (wide >= 0.6) {
      prefs.layout = 'grid';
      why.layout = 'wide';
    }
  }
  const sizes = s.listSizes.slice(-MIN_SESSIONS);
  if (sizes.length >= MIN_SESSIONS && sizes.reduce((a, b) => a + b, 0) / sizes.length >= 40) {
    prefs.density = 'compact';
    why.density = 'long-lists';
  }
  prefs.homeOrder = [...HOME_SECTIONS].sort((a, b) => s.opens[b] - s.opens[a]);
  if (prefs.homeOrder[0] !== DEFAULTS.homeOrder[0]) why.homeOrder = 'opens';
  return { prefs, why };
}

export function preferences(s: UsageSignals): Preferences {
  return { ...learn(s).prefs, ...s.chosen };
}

export function recordSession(s: UsageSignals, at: Date, width: number, listSize: number): UsageSignals {
  return {
    ...s,
    sessions: [...s.sessions, { hour: at.getHours(), width }].slice(-MAX_SAMPLES),
    listSizes: [...s.listSizes, listSize].slice(-MAX_SAMPLES),
  };
}

export function recordOpen(s: UsageSignals, section: HomeSection): UsageSignals {
  return { ...s, opens: { ...s.opens, [section]: s.opens[section] + 1 } };
}

export function choose(s: UsageSignals, chosen: UsageSignals['chosen']): UsageSignals {
  return { ...s, chosen: { ...s.chosen, ...chosen } };
}

/** Anything stored that is not a well-formed signals object (an older shape, a bad write) starts over. */
export function parseSignals(value: unknown): UsageSignals {
  const s = value as Partial<UsageSignals> | null;
  if (!s || !Array.isArray(s.sessions) || !Array.isArray(s.listSizes) || typeof s.opens !== 'object') {
    return emptySignals();
  }
  return {
    sessions: s.sessions.filter((x) => Number.isInteger(x?.hour) && Number.isFinite(x?.width)),
    listSizes: s.listSizes.filter((x) => Number.isFinite(x)),
    opens: {
      'for-you': Number(s.opens?.['for-you']) || 0,
      cheaper: Number(s.opens?.cheaper) || 0,
    },
    chosen: typeof s.chosen === 'object' && s.chosen ? s.chosen : {},
  };
}
