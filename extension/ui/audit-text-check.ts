import { expect } from 'vitest';
import type { AuditEventRow, CompanionDb } from '../db.ts';
import { auditText } from './audit-text.ts';
import { DICTIONARIES, setLocale } from './i18n.ts';
import { en } from './locales/en.ts';

/**
 * For agent tests' teardown: every audit row the agents wrote carries a message (except the kinds still worded
 * only in English: refused messages and delivery errors), its key is in the catalogue, and in every language its
 * values fill every placeholder and its codes are worded (no raw `blocked`, `pct-drop`… left, nor an alert
 * decision's English reason when it came with a reason code).
 */
export async function expectWordedAudit(db: CompanionDb): Promise<void> {
  const rows = await db.auditEvents.toArray();
  try {
    for (const row of rows) expectWorded(row);
  } finally {
    setLocale(['en']);
  }
}

const CODE_VARS = ['trigger', 'status', 'decision', 'what', 'level', 'mode', 'cause', 'source'];

export function expectWorded(row: AuditEventRow): void {
  const englishOnly = row.kind === 'rejected' || row.detail.startsWith('error:');
  if (!row.message) {
    expect(englishOnly, `no message beside "${row.detail}"`).toBe(true);
    return;
  }
  const base = `log.${row.message.key}`;
  expect(Object.hasOwn(en, base) || Object.hasOwn(en, `${base}.one`), `${base} in the catalogue`).toBe(true);
  for (const name of CODE_VARS) {
    const value = row.message.vars[name];
    if (value !== undefined)
      expect(Object.hasOwn(en, `log.${name}.${value}`), `log.${name}.${value}`).toBe(true);
  }
  const code = row.message.vars.reasonCode;
  if (code !== undefined) {
    const reason = `log.reason.${code}`;
    expect(
      Object.hasOwn(en, reason) || Object.hasOwn(en, `${reason}.one`),
      `${reason} in the catalogue`,
    ).toBe(true);
  }
  for (const language of Object.keys(DICTIONARIES)) {
    setLocale([language]);
    const text = auditText(row);
    expect(text, `${language}: ${text}`).not.toMatch(/\{\w+\}/);
    if (language !== 'en') expect(text, `${language} left the English detail`).not.toBe(row.detail);
    // A coded reason is worded, not the English one pasted into a translated row.
    if (code !== undefined && language !== 'en')
      expect(text, `${language} kept the English reason`).not.toContain(String(row.message.vars.reason));
  }
}
