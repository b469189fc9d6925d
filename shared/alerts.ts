/**
 * Pure alert rules: watches, conditions with hysteresis, the data-quality guard, priority, quiet hours and digests.
 * No browser globals: the notification agent feeds reads in and persists the returned state; the same rules can run
 * on a server or in tests. Money is integer minor units, time epoch ms.
 *
 * The life of a read:
 *   guard (status, new-user price, unconfirmed jump) → rules (target, % below typical, all-time low, back in stock),
 *   each armed/disarmed with hysteresis → alerts with a priority → delivery plan (now, after quiet hours, next digest).
 * Every step returns decisions for the audit log, including the reasons nothing fired.
 */
import type { Observation } from './domain.ts';
import type { ExtractStatus } from './extract/types.ts';
import { DAY_MS, summarizeObservations } from './history.ts';
import { formatMoney } from './money.ts';

export type AlertType = 'target' | 'all-time-low' | 'pct-drop' | 'back-in-stock';
export const ALERT_TYPES: readonly AlertType[] = ['target', 'all-time-low', 'pct-drop', 'back-in-stock'];

export interface WatchConditions {
  /** Alert when the price is at or below this (minor units). */
  targetPrice: number | null;
  /** Alert when the price is this many percent below the typical price; 'default' = the global setting. */
  pctBelowTypical: number | 'default' | null;
  allTimeLow: boolean;
  backInStock: boolean;
}

export interface Watch {
  id: string;
  productId: string;
  /** null = the product as a whole: its cheapest variant. */
  skuId: string | null;
  currency: string;
  region: string | null;
  title: string | null;
  url: string | null;
  conditions: WatchConditions;
  /** Judge price + shipping where shipping is known. */
  landed: boolean;
  createdAt: number;
  /** No alerts before this time (the "Snooze" button: one day). */
  snoozedUntil: number | null;
}

export interface AlertSettings {
  /** Per-type on/off. */
  enabledTypes: Record<AlertType, boolean>;
  /** The global default for "% below typical" watches. */
  defaultPctBelowTypical: number;
  /** A fired rule re-arms once the price is this many percent above its threshold… */
  rearmMarginPct: number;
  /** …or this many days after it fired (a reminder while the price stays low). */
  rearmDays: number;
  /** A new all-time low must beat the old one by this much, so cent-by-cent creep is not news every day. */
  allTimeLowMinPct: number;
  /** Days of history needed before "all-time low" means anything. */
  allTimeLowMinHistoryDays: number;
  /** A read more than this many percent from the last trusted price waits for a second read. */
  jumpPct: number;
  quietHours: { enabled: boolean; start: string; end: string };
  /** High-priority alerts may break through quiet hours. */
  allowBreakthrough: boolean;
  /** Local "HH:MM" times at which the low-priority digest goes out. */
  digestTimes: string[];
  /** IANA time zone for quiet hours and digests (the browser's, captured by the options page). */
  timeZone: string;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  enabledTypes: { target: true, 'all-time-low': true, 'pct-drop': true, 'back-in-stock': true },
  defaultPctBelowTypical: 15,
  rearmMarginPct: 5,
  rearmDays: 7,
  allTimeLowMinPct: 2,
  allTimeLowMinHistoryDays: 14,
  jumpPct: 80,
  quietHours: { enabled: true, start: '22:00', end: '08:00' },
  allowBreakthrough: false,
  digestTimes: ['09:00', '13:00', '17:00'],
  timeZone: 'UTC',
};

export interface RuleState {
  armed: boolean;
  firedAt: number | null;
  firedPrice: number | null;
}

/** Everything the rules remember about one watch between reads. Persist it after every evaluation. */
export interface WatchState {
  watchId: string;
  /** The last price that passed the guard. */
  lastPrice: number | null;
  /** The lowest price that passed the guard (a misread low never gets here, so it cannot block real lows). */
  lowest: number | null;
  lastInStock: boolean | null;
  /** A big jump waiting for a second read. */
  pending: { price: number; observedAt: number } | null;
  /** Reads at or before this time were already evaluated (a replayed read must not fire twice). */
  lastObservedAt: number | null;
  rules: Record<AlertType, RuleState>;
}

/** One read of the watched product or SKU, as the content script reported it. */
export interface WatchRead extends Observation {
  status: ExtractStatus;
  /** When a flash deal ends, where the page says. */
  dealEndsAt?: number | null;
}

export type PriorityLevel = 'high' | 'normal' | 'low';

export interface Alert {
  /** Deterministic (watch, type, read time): storing it twice is a no-op, so replays cannot double-deliver. */
  id: string;
  watchId: string;
  productId: string;
  skuId: string | null;
  url: string | null;
  type: AlertType;
  currency: string;
  price: number;
  threshold: number | null;
  observedAt: number;
  /** The read followed a big jump and a second read confirmed it. */
  confirmedBySecondRead: boolean;
  flashDeal: boolean;
  dealEndsAt: number | null;
  title: string;
  body: string;
}

export type DecisionKind =
  | 'fired'
  | 'suppressed'
  | 'held'
  | 'confirmed'
  | 'discarded'
  | 're-armed'
  | 'ignored'
  | 'deferred'
  | 'digest'
  | 'delivered';

/**
 * Why a decision (or a delivery plan) came out as it did, as a code and values, so the audit log can word it in
 * the shopper's language; `reason` keeps the same thing in English for the export. Values named price, from, to
 * and threshold are prices in minor units of the watch's currency (the log shows them as money).
 */
export type DecisionReasonCode =
  | 'replay'
  | 'readStatus'
  | 'newUserPrice'
  | 'noUsablePrice'
  | 'jumpConfirmed'
  | 'jumpHeld'
  | 'jumpDiscarded'
  | 'shortHistory'
  | 'rearmRose'
  | 'rearmDays'
  | 'hysteresis'
  | 'cannotShip'
  | 'outOfStock'
  | 'typeOff'
  | 'snoozed'
  | 'crossed'
  | 'backInStock'
  | 'lowPriority'
  | 'levelPriority'
  | 'breakthrough'
  | 'quietHours'
  /** The shopper paused notifications: the notification waits, whatever the plan. */
  | 'paused';

export interface DecisionWhy {
  code: DecisionReasonCode;
  vars: Record<string, string | number>;
}

const why = (code: DecisionReasonCode, vars: Record<string, string | number> = {}): DecisionWhy => ({
  code,
  vars,
});

/** One audit entry: what the rules decided and why. */
export interface Decision {
  kind: DecisionKind;
  watchId: string;
  type: AlertType | null;
  /** English, as shown in the export. */
  reason: string;
  why: DecisionWhy;
  at: number;
  alertId?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Thresholds and state

export function pctThreshold(watch: Watch, settings: AlertSettings): number | null {
  const pct = watch.conditions.pctBelowTypical;
  if (pct == null) return null;
  return pct === 'default' ? settings.defaultPctBelowTypical : pct;
}

export function effectivePrice(
  watch: Pick<Watch, 'landed'>,
  read: Pick<Observation, 'price' | 'shipping'>,
): number {
  return watch.landed && read.shipping != null ? read.price + read.shipping : read.price;
}

/**
 * The state of a new watch. A condition already met when the watch is created is not a crossing (the shopper is
 * looking at that price), so it starts disarmed and fires only after the price has gone back up and down again.
 */
export function createWatchState(
  watch: Watch,
  baseline: { price: number | null; inStock: boolean | null; lowest: number | null; typical: number | null },
  settings: AlertSettings = DEFAULT_ALERT_SETTINGS,
): WatchState {
  const price = baseline.price;
  const armedFor = (threshold: number | null) => price == null || threshold == null || price > threshold;
  const pct = pctThreshold(watch, settings);
  const pctLine =
    pct == null || baseline.typical == null ? null : Math.floor(baseline.typical * (1 - pct / 100));
  const rule = (armed: boolean): RuleState => ({ armed, firedAt: null, firedPrice: null });
  return {
    watchId: watch.id,
    lastPrice: price,
    lowest: baseline.lowest ?? price,
    lastInStock: baseline.inStock,
    pending: null,
    lastObservedAt: null,
    rules: {
      target: rule(armedFor(watch.conditions.targetPrice)),
      'pct-drop': rule(armedFor(pctLine)),
      'all-time-low': rule(true),
      'back-in-stock': rule(baseline.inStock !== true),
    },
  };
}

/**
 * The read a watch judges among the reads of one page load: its SKU, or for a product watch the cheapest variant
 * that is in stock (the cheapest of all when none is).
 */
export function readForWatch(watch: Pick<Watch, 'skuId'>, reads: readonly WatchRead[]): WatchRead | null {
  if (watch.skuId != null) return reads.find((r) => r.skuId === watch.skuId) ?? null;
  const inStock = reads.filter((r) => !r.flags.includes('out-of-stock'));
  const pool = inStock.length ? inStock : reads;
  let best: WatchRead | null = null;
  for (const r of pool) if (best == null || r.price < best.price) best = r;
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

export interface Evaluation {
  state: WatchState;
  alerts: Alert[];
  decisions: Decision[];
}

export interface EvaluateInput {
  watch: Watch;
  state: WatchState;
  read: WatchRead;
  /** Earlier reads of the watched series (any order; later ones are ignored). Used for the typical price. */
  history: readonly Observation[];
  settings: AlertSettings;
  /** For formatting alert text. */
  locale?: string;
}

export function evaluateRead(input: EvaluateInput): Evaluation {
  const { watch, read, settings } = input;
  const at = read.observedAt;
  const decisions: Decision[] = [];
  const note = (
    kind: DecisionKind,
    type: AlertType | null,
    reason: string,
    w: DecisionWhy,
    alertId?: string,
  ) => decisions.push({ kind, watchId: watch.id, type, reason, why: w, at, ...(alertId ? { alertId } : {}) });
  const state: WatchState = structuredClone(input.state);

  if (state.lastObservedAt != null && at <= state.lastObservedAt) {
    note('ignored', null, 'read already evaluated (replay or out of order)', why('replay'));
    return { state: input.state, alerts: [], decisions };
  }
  state.lastObservedAt = at;

  // --- data-quality guard
  if (read.status !== 'ok') {
    note('suppressed', null, `page read was ${read.status}`, why('readStatus', { status: read.status }));
    return { state, alerts: [], decisions };
  }
  if (read.flags.includes('new-user-price')) {
    note('suppressed', null, 'new-user price: not what this shopper would pay', why('newUserPrice'));
    return { state, alerts: [], decisions };
  }
  if (!isValidAmount(read.price)) {
    note('suppressed', null, 'no usable price', why('noUsablePrice'));
    return { state, alerts: [], decisions };
  }
  const price = effectivePrice(watch, read);
  let confirmedBySecondRead = false;
  if (state.lastPrice != null && isJump(state.lastPrice, price, settings.jumpPct)) {
    if (state.pending && near(state.pending.price, price)) {
      confirmedBySecondRead = true;
      note(
        'confirmed',
        null,
        `jump from ${state.lastPrice} to ${price} confirmed by a second read`,
        why('jumpConfirmed', { from: state.lastPrice, to: price }),
      );
      state.pending = null;
    } else {
      state.pending = { price, observedAt: at };
      note(
        'held',
        null,
        `jump of more than ${settings.jumpPct}% from ${state.lastPrice} to ${price}: waiting for a second read`,
        why('jumpHeld', { pct: settings.jumpPct, from: state.lastPrice, to: price }),
      );
      return { state, alerts: [], decisions };
    }
  } else if (state.pending) {
    note(
      'discarded',
      null,
      `unconfirmed jump to ${state.pending.price} not seen again`,
      why('jumpDiscarded', { price: state.pending.price }),
    );
    state.pending = null;
  }

  const inStock = !read.flags.includes('out-of-stock');
  const wasInStock = state.lastInStock;
  const lowestBefore = state.lowest;
  state.lastPrice = price;
  state.lastInStock = inStock;

  const summary = summarizeObservations(
    input.history.filter((o) => o.observedAt < at),
    { landed: watch.landed, now: at },
  );
  const coverageDays = summary
    ? Math.floor((at - Date.parse(`${summary.firstDay}T00:00:00Z`)) / DAY_MS) + 1
    : 0;

  const alerts: Alert[] = [];
  const candidates: { type: AlertType; met: boolean; threshold: number | null; hysteresis: boolean }[] = [];
  const c = watch.conditions;
  const buyable = inStock && !read.flags.includes('unreachable');
  // A price nobody can buy at is not a low.
  if (buyable) state.lowest = lowestBefore == null ? price : Math.min(lowestBefore, price);
  if (c.targetPrice != null) {
    candidates.push({
      type: 'target',
      met: price <= c.targetPrice,
      threshold: c.targetPrice,
      hysteresis: true,
    });
  }
  const pct = pctThreshold(watch, settings);
  if (pct != null && summary?.typical != null) {
    const line = Math.floor(summary.typical * (1 - pct / 100));
    candidates.push({ type: 'pct-drop', met: price <= line, threshold: line, hysteresis: true });
  }
  if (c.allTimeLow && lowestBefore != null) {
    const enoughHistory = coverageDays >= settings.allTimeLowMinHistoryDays;
    const line = Math.floor(lowestBefore * (1 - settings.allTimeLowMinPct / 100));
    if (!enoughHistory && price <= line)
      note(
        'suppressed',
        'all-time-low',
        `only ${coverageDays} days of history`,
        why('shortHistory', { count: coverageDays }),
      );
    candidates.push({
      type: 'all-time-low',
      met: enoughHistory && price <= line,
      threshold: lowestBefore,
      hysteresis: false,
    });
  }

  for (const cand of candidates) {
    const rule = state.rules[cand.type];
    if (!rule.armed && cand.hysteresis && cand.threshold != null) {
      if (price > cand.threshold * (1 + settings.rearmMarginPct / 100)) {
        state.rules[cand.type] = { ...rule, armed: true };
        note(
          're-armed',
          cand.type,
          `price ${price} rose above ${cand.threshold} + ${settings.rearmMarginPct}%`,
          why('rearmRose', { price, threshold: cand.threshold, pct: settings.rearmMarginPct }),
        );
        continue;
      }
      if (rule.firedAt != null && at - rule.firedAt >= settings.rearmDays * DAY_MS) {
        state.rules[cand.type] = { ...rule, armed: true };
        note(
          're-armed',
          cand.type,
          `${settings.rearmDays} days since it fired`,
          why('rearmDays', { count: settings.rearmDays }),
        );
      }
    }
    if (!cand.met) continue;
    if (!state.rules[cand.type].armed && cand.hysteresis) {
      note('suppressed', cand.type, 'already fired for this crossing (hysteresis)', why('hysteresis'));
      continue;
    }
    if (!buyable) {
      note(
        'suppressed',
        cand.type,
        inStock ? 'cannot ship to this region' : 'out of stock',
        why(inStock ? 'cannotShip' : 'outOfStock'),
      );
      continue;
    }
    const gate = gateReason(watch, settings, cand.type, at);
    if (gate) {
      note('suppressed', cand.type, gate.reason, gate.why);
      continue;
    }
    const alert = makeAlert(input, cand.type, price, cand.threshold, confirmedBySecondRead, input.locale);
    alerts.push(alert);
    state.rules[cand.type] = { armed: false, firedAt: at, firedPrice: price };
    note(
      'fired',
      cand.type,
      `price ${price} vs threshold ${cand.threshold}`,
      why('crossed', { price, threshold: cand.threshold ?? 'null' }),
      alert.id,
    );
  }

  if (c.backInStock && inStock && wasInStock === false) {
    const gate = gateReason(watch, settings, 'back-in-stock', at);
    if (gate) note('suppressed', 'back-in-stock', gate.reason, gate.why);
    else {
      const alert = makeAlert(input, 'back-in-stock', price, null, confirmedBySecondRead, input.locale);
      alerts.push(alert);
      state.rules['back-in-stock'] = { armed: false, firedAt: at, firedPrice: price };
      note(
        'fired',
        'back-in-stock',
        'in stock again after an out-of-stock read',
        why('backInStock'),
        alert.id,
      );
    }
  } else if (!inStock && !state.rules['back-in-stock'].armed) {
    state.rules['back-in-stock'] = { ...state.rules['back-in-stock'], armed: true };
    note('re-armed', 'back-in-stock', 'out of stock', why('outOfStock'));
  }

  return { state, alerts, decisions };
}

function gateReason(
  watch: Watch,
  settings: AlertSettings,
  type: AlertType,
  at: number,
): { reason: string; why: DecisionWhy } | null {
  if (!settings.enabledTypes[type])
    return { reason: `${type} alerts are turned off`, why: why('typeOff', { what: type }) };
  if (watch.snoozedUntil != null && at < watch.snoozedUntil)
    return { reason: 'watch snoozed', why: why('snoozed') };
  return null;
}

function isValidAmount(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0;
}

function isJump(last: number, price: number, jumpPct: number): boolean {
  return Math.abs(price - last) / last > jumpPct / 100;
}

/** Two reads agree when within 2% (display prices converted from another currency wobble). */
function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(a, b) * 0.02;
}

// ---------------------------------------------------------------------------------------------------------------
// Alert text

/** Alert text uses English number formatting unless a locale is given. */
export function formatPrice(minor: number, currency: string, locale = 'en'): string {
  return formatMoney(minor, currency, locale);
}

function makeAlert(
  input: EvaluateInput,
  type: AlertType,
  price: number,
  threshold: number | null,
  confirmedBySecondRead: boolean,
  locale = 'en',
): Alert {
  const { watch, read } = input;
  const money = (n: number) => formatPrice(n, watch.currency, locale);
  const name = watch.title ?? `Product ${watch.productId}`;
  const head: Record<AlertType, string> = {
    target: `Target price reached: ${money(price)}`,
    'all-time-low': `New all-time low: ${money(price)}`,
    'pct-drop': `Price drop: ${money(price)}`,
    'back-in-stock': 'Back in stock',
  };
  const detail: Record<AlertType, string> = {
    target: threshold == null ? '' : `Your target was ${money(threshold)}.`,
    'all-time-low': threshold == null ? '' : `Lowest seen before: ${money(threshold)}.`,
    'pct-drop': threshold == null ? '' : `At or below ${money(threshold)}, well under the typical price.`,
    'back-in-stock': `Available again at ${money(price)}.`,
  };
  const quality = confirmedBySecondRead
    ? 'Big change: confirmed by a second read.'
    : 'Confirmed: full page read at the regular price.';
  const flash = read.flags.includes('flash-deal') ? ' Flash deal.' : '';
  return {
    id: `${watch.id}|${type}|${read.observedAt}`,
    watchId: watch.id,
    productId: watch.productId,
    skuId: read.skuId ?? watch.skuId,
    url: productUrl(watch.productId, read.skuId ?? watch.skuId, watch.url),
    type,
    currency: watch.currency,
    price,
    threshold,
    observedAt: read.observedAt,
    confirmedBySecondRead,
    flashDeal: read.flags.includes('flash-deal'),
    dealEndsAt: read.dealEndsAt ?? null,
    title: head[type],
    body: `${name}. ${detail[type]}${flash} ${quality}`.replace(/\s+/g, ' ').trim(),
  };
}

/**
 * The product page with the SKU preselected: item pages honour `?skuId=` (kept as a decimal string; SKU ids can
 * exceed 2^53). The watched page's own URL is preferred: its host (.us, .ru) may use a different product id.
 */
export function productUrl(productId: string, skuId: string | null, pageUrl: string | null = null): string {
  let url: URL;
  try {
    url = new URL(pageUrl ?? '');
  } catch {
    url = new URL(`https://www.aliexpress.com/item/${encodeURIComponent(productId)}.html`);
  }
  if (skuId != null) url.searchParams.set('skuId', skuId);
  return url.toString();
}

// ---------------------------------------------------------------------------------------------------------------
// Priority

export const TYPE_WEIGHT: Record<AlertType, number> = {
  target: 1,
  'all-time-low': 0.75,
  'pct-drop': 0.6,
  'back-in-stock': 0.45,
};

export type Engagement = Record<AlertType, { clicks: number; dismissals: number }>;

export function emptyEngagement(): Engagement {
  return {
    target: { clicks: 0, dismissals: 0 },
    'all-time-low': { clicks: 0, dismissals: 0 },
    'pct-drop': { clicks: 0, dismissals: 0 },
    'back-in-stock': { clicks: 0, dismissals: 0 },
  };
}

export function recordEngagement(e: Engagement, type: AlertType, action: 'click' | 'dismiss'): Engagement {
  const cur = e[type];
  return {
    ...e,
    [type]:
      action === 'click' ? { ...cur, clicks: cur.clicks + 1 } : { ...cur, dismissals: cur.dismissals + 1 },
  };
}

export interface Priority {
  score: number;
  level: PriorityLevel;
}

export const HIGH_PRIORITY = 0.9;
export const IMMEDIATE_PRIORITY = 0.55;

/**
 * Score = type weight + time sensitivity + engagement. A flash deal adds 0.15, and up to 0.2 more as its end nears
 * (within 6 hours). Engagement is the click share of this type's alerts with a Laplace prior (one click, one
 * dismissal), mapped to ±0.2: a type the shopper keeps dismissing sinks into the digest.
 */
export function priorityOf(
  alert: Pick<Alert, 'type' | 'flashDeal' | 'dealEndsAt'>,
  engagement: Engagement,
  now: number,
): Priority {
  let score = TYPE_WEIGHT[alert.type];
  if (alert.flashDeal) {
    score += 0.15;
    if (alert.dealEndsAt != null && alert.dealEndsAt > now) {
      const hoursLeft = (alert.dealEndsAt - now) / 3_600_000;
      score += 0.2 * Math.max(0, Math.min(1, (6 - hoursLeft) / 6));
    }
  }
  const { clicks, dismissals } = engagement[alert.type];
  score += 0.4 * ((clicks + 1) / (clicks + dismissals + 2) - 0.5);
  const level: PriorityLevel =
    score >= HIGH_PRIORITY ? 'high' : score >= IMMEDIATE_PRIORITY ? 'normal' : 'low';
  return { score, level };
}

// ---------------------------------------------------------------------------------------------------------------
// Local time, quiet hours and digests

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localTime(ms: number, timeZone: string): LocalTime {
  const parts: Partial<Record<string, number>> = {};
  for (const p of formatter(timeZone).formatToParts(ms))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Local minus UTC, in ms, at instant `ms`. */
function offsetMs(ms: number, timeZone: string): number {
  const t = localTime(ms, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a local wall time occurs. A time skipped by a spring-forward change is pushed forward by the gap
 * (02:30 → 03:30); a time repeated by a fall-back change maps to its later occurrence. The offsets 12 hours either
 * side are the ones before and after any change that night (zones change offset at most once a day).
 */
export function zonedTimeToEpoch(
  date: { year: number; month: number; day: number },
  hhmm: string,
  timeZone: string,
): number {
  const { hour, minute } = parseHhmm(hhmm);
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const before = wall - offsetMs(wall - 12 * 3_600_000, timeZone);
  const after = wall - offsetMs(wall + 12 * 3_600_000, timeZone);
  const shows = (t: number) => {
    const l = localTime(t, timeZone);
    return l.hour === hour && l.minute === minute && l.day === date.day;
  };
  const valid = [before, after].filter(shows);
  // None valid: the wall time fell into a gap; the pre-change offset lands just past it.
  return valid.length ? Math.max(...valid) : before;
}

export function parseHhmm(hhmm: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`not a HH:MM time: ${hhmm}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function minutesOf(hhmm: string): number {
  const { hour, minute } = parseHhmm(hhmm);
  return hour * 60 + minute;
}

/** Quiet hours are [start, end) in local time; start > end spans midnight; start = end means none. */
export function isQuietTime(ms: number, settings: Pick<AlertSettings, 'quietHours' | 'timeZone'>): boolean {
  const q = settings.quietHours;
  if (!q.enabled) return false;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return false;
  const t = localTime(ms, settings.timeZone);
  const now = t.hour * 60 + t.minute;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The next instant strictly after `after` at which the local clock reads `hhmm`. */
export function nextLocalTime(after: number, hhmm: string, timeZone: string): number {
  const today = localTime(after, timeZone);
  const base = Date.UTC(today.year, today.month - 1, today.day);
  for (let d = 0; d <= 2; d++) {
    const day = new Date(base + d * DAY_MS);
    const at = zonedTimeToEpoch(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
      hhmm,
      timeZone,
    );
    if (at > after) return at;
  }
  throw new Error('unreachable: a wall time recurs within two days');
}

/** When the quiet period containing `ms` ends (or `ms` itself when not quiet). */
export function quietEnd(ms: number, settings: Pick<AlertSettings, 'quietHours' | 'timeZone'>): number {
  if (!isQuietTime(ms, settings)) return ms;
  return nextLocalTime(ms, settings.quietHours.end, settings.timeZone);
}

/** The next digest time after `after` that does not fall in quiet hours (quiet end when all of them do). */
export function nextDigestTime(after: number, settings: AlertSettings): number {
  const times = settings.digestTimes.length ? settings.digestTimes : DEFAULT_ALERT_SETTINGS.digestTimes;
  const candidates = times
    .map((hhmm) => nextLocalTime(after, hhmm, settings.timeZone))
    .filter((t) => !isQuietTime(t, settings));
  return candidates.length
    ? Math.min(...candidates)
    : nextLocalTime(after, settings.quietHours.end, settings.timeZone);
}

export type DeliveryPlan =
  | { mode: 'now'; reason: string; why: DecisionWhy }
  | { mode: 'deferred'; at: number; reason: string; why: DecisionWhy }
  | { mode: 'digest'; at: number; reason: string; why: DecisionWhy };

export function planDelivery(priority: Priority, settings: AlertSettings, now: number): DeliveryPlan {
  if (priority.level === 'low')
    return {
      mode: 'digest',
      at: nextDigestTime(now, settings),
      reason: 'low priority',
      why: why('lowPriority'),
    };
  if (!isQuietTime(now, settings))
    return {
      mode: 'now',
      reason: `${priority.level} priority`,
      why: why('levelPriority', { level: priority.level }),
    };
  if (priority.level === 'high' && settings.allowBreakthrough) {
    return { mode: 'now', reason: 'high priority breaks through quiet hours', why: why('breakthrough') };
  }
  return { mode: 'deferred', at: quietEnd(now, settings), reason: 'quiet hours', why: why('quietHours') };
}

export interface Digest {
  id: string;
  alertIds: string[];
  title: string;
  body: string;
}

/**
 * One notification for many low-priority alerts: the newest alert per watch and type, highest type weight first.
 * The id is derived from the alerts, so building the same digest twice gives the same id.
 */
export function buildDigest(alerts: readonly Alert[]): Digest | null {
  const latest = new Map<string, Alert>();
  for (const a of alerts) {
    const key = `${a.watchId}|${a.type}`;
    const prev = latest.get(key);
    if (!prev || a.observedAt > prev.observedAt) latest.set(key, a);
  }
  const items = [...latest.values()].sort(
    (a, b) => TYPE_WEIGHT[b.type] - TYPE_WEIGHT[a.type] || b.observedAt - a.observedAt,
  );
  if (!items.length) return null;
  const ids = alerts.map((a) => a.id).sort();
  return {
    id: `digest|${ids[0]}|${ids.length}`,
    alertIds: ids,
    title: items.length === 1 ? items[0]!.title : `${items.length} price updates`,
    body: items.map((a) => `• ${a.title}: ${a.body.split('. ')[0]}`).join('\n'),
  };
}
