import type { DecisionReasonCode, DecisionWhy } from '../../shared/alerts.ts';
import type { AuditEventRow, AuditMessageKey } from '../db.ts';
import { formatDate, formatMoney } from './format.ts';
import { type MessageKey, t, tn } from './i18n.ts';
import { en } from './locales/en.ts';

/**
 * An audit row's "what and why" in the shopper's language: its catalogue message when the agent wrote one, else
 * the English `detail` (rows from before messages existed, and kinds still worded only in English).
 */

/** Values that are codes (not free text) and are worded through the catalogue under these prefixes. */
const CODED: Record<string, string> = {
  trigger: 'log.trigger',
  status: 'log.status',
  decision: 'log.decision',
  what: 'log.what',
  level: 'log.level',
  mode: 'log.mode',
  cause: 'log.cause',
  source: 'log.source',
};

const has = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** Every message key has its catalogue text (a plain key, or `.one`/`.other` when it counts): a type error if not. */
type Uncovered = {
  [K in AuditMessageKey]: [Extract<MessageKey, `log.${K}` | `log.${K}.one`>] extends [never] ? K : never;
}[AuditMessageKey];
const everyKeyCovered: [Uncovered] extends [never] ? true : Uncovered = true;
void everyKeyCovered;

/**
 * An alert decision's reason travels as `reasonCode` plus its values under `reason.<name>` (message values are
 * flat), the watch's `currency` for the prices among them, and `reasonAt` when the row says until when.
 */
const REASON = 'reason.';
/** Reason values that are prices in minor units of the watch's currency. */
const PRICES = new Set(['price', 'from', 'to', 'threshold']);

export function reasonVars(
  why: DecisionWhy,
  currency: string | null,
  at?: number,
): Record<string, string | number> {
  const vars: Record<string, string | number> = { reasonCode: why.code };
  if (currency) vars.currency = currency;
  if (at !== undefined) vars.reasonAt = at;
  for (const [name, value] of Object.entries(why.vars)) vars[`${REASON}${name}`] = value;
  return vars;
}

/** Every reason code has its catalogue text in every language (the dictionaries share en's keys): a type error if not. */
type Unworded = {
  [C in DecisionReasonCode]: [Extract<MessageKey, `log.reason.${C}` | `log.reason.${C}.one`>] extends [never]
    ? C
    : never;
}[DecisionReasonCode];
const everyReasonWorded: [Unworded] extends [never] ? true : Unworded = true;
void everyReasonWorded;

/** The reason in the shopper's language, or null when the row has no code this build knows (its English stays). */
function reasonText(vars: Record<string, string | number>): string | null {
  const code = vars.reasonCode;
  if (typeof code !== 'string') return null;
  const base = `log.reason.${code}`;
  const plural = has(`${base}.one`);
  if (!plural && !has(base)) return null;
  const currency = typeof vars.currency === 'string' ? vars.currency : null;
  const own: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (!name.startsWith(REASON)) continue;
    const short = name.slice(REASON.length);
    own[short] =
      typeof value === 'number' && currency && PRICES.has(short) ? formatMoney(value, currency) : value;
  }
  wordCodes(own);
  const text = plural
    ? tn(base as Parameters<typeof tn>[0], Number(own.count), own)
    : t(base as MessageKey, own);
  return typeof vars.reasonAt === 'number'
    ? t('log.reasonAt', { reason: text, at: formatDate(vars.reasonAt) })
    : text;
}

function wordCodes(vars: Record<string, string | number>): void {
  for (const [name, prefix] of Object.entries(CODED)) {
    const value = vars[name];
    const key = `${prefix}.${value}`;
    if (typeof value === 'string' && has(key)) vars[name] = t(key);
  }
}

export function auditText(row: Pick<AuditEventRow, 'detail' | 'message'>): string {
  const message = row.message;
  if (!message) return row.detail;
  const base = `log.${message.key}`;
  const plural = has(`${base}.one`);
  // A key this build does not know (written by a newer version, then downgraded): the English stays right.
  if (!plural && !has(base)) return row.detail;
  const vars: Record<string, string | number> = { ...message.vars };
  const reason = reasonText(vars);
  if (reason != null) vars.reason = reason;
  wordCodes(vars);
  return plural
    ? tn(base as Parameters<typeof tn>[0], Number(vars.count), vars)
    : t(base as MessageKey, vars);
}
