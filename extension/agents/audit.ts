import type { AuditEventRow, CompanionDb } from '../db.ts';

/** The local audit log: every visit, every refusal, and why. Nothing here leaves the device. */

export type AuditEntry = Omit<AuditEventRow, 'id'>;

export function auditEntry(
  partial: Partial<AuditEntry> & Pick<AuditEntry, 'kind' | 'detail' | 'at'>,
): AuditEntry {
  return {
    productId: null,
    url: null,
    status: null,
    fingerprint: null,
    sources: null,
    ...partial,
  };
}

/** Writes inside the caller's transaction when there is one (Dexie joins it), else on its own. */
export async function appendAudit(db: CompanionDb, entry: AuditEntry): Promise<number> {
  return (await db.auditEvents.add(entry)) as number;
}

export async function recentAudit(db: CompanionDb, limit = 50): Promise<AuditEventRow[]> {
  return db.auditEvents.orderBy('at').reverse().limit(limit).toArray();
}

export async function auditForProduct(db: CompanionDb, productId: string): Promise<AuditEventRow[]> {
  return db.auditEvents.where('productId').equals(productId).sortBy('at');
}
