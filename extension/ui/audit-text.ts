import type { AuditEventRow, AuditMessageKey } from '../db.ts';
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

export function auditText(row: Pick<AuditEventRow, 'detail' | 'message'>): string {
  const message = row.message;
  if (!message) return row.detail;
  const base = `log.${message.key}`;
  const plural = has(`${base}.one`);
  // A key this build does not know (written by a newer version, then downgraded): the English stays right.
  if (!plural && !has(base)) return row.detail;
  const vars: Record<string, string | number> = { ...message.vars };
  for (const [name, prefix] of Object.entries(CODED)) {
    const value = vars[name];
    const key = `${prefix}.${value}`;
    if (typeof value === 'string' && has(key)) vars[name] = t(key);
  }
  return plural
    ? tn(base as Parameters<typeof tn>[0], Number(vars.count), vars)
    : t(base as MessageKey, vars);
}
