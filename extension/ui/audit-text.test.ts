import { afterEach, describe, expect, it } from 'vitest';
import type { AuditMessage } from '../db.ts';
import { auditText } from './audit-text.ts';
import { setLocale } from './i18n.ts';

const row = (detail: string, message?: AuditMessage) => ({ detail, ...(message ? { message } : {}) });

describe('audit rows in the shopper language', () => {
  afterEach(() => setLocale(['en']));

  it('shows the English detail for rows written before messages (and for unknown keys)', () => {
    setLocale(['de']);
    expect(auditText(row('load: stored 1, unchanged within the hour 0'))).toBe(
      'load: stored 1, unchanged within the hour 0',
    );
    const future = { key: 'fromANewerVersion', vars: {} } as unknown as AuditMessage;
    expect(auditText(row('something new', future))).toBe('something new');
  });

  it('reads in English like the detail the agents wrote', () => {
    const cases: [string, AuditMessage, string][] = [
      [
        'load: stored 2, unchanged within the hour 0',
        { key: 'observed', vars: { trigger: 'load', stored: 2, deduped: 0 } },
        'page load: stored 2, unchanged within the hour 0',
      ],
      [
        'load: blocked: captcha',
        { key: 'notStored', vars: { trigger: 'load', status: 'blocked', reason: ': captcha' } },
        'page load: not stored, page blocked: captcha',
      ],
      [
        'fired pct-drop: 12% below typical [a1]',
        { key: 'decisionTyped', vars: { decision: 'fired', what: 'pct-drop', reason: '12% below typical' } },
        'fired drop below typical: 12% below typical',
      ],
      ['digest: 3 alerts merged [d1]', { key: 'digest', vars: { count: 3 } }, 'digest: 3 alerts merged'],
      [
        'delivered target: high priority, now [o1]',
        { key: 'delivered', vars: { what: 'target', level: 'high', mode: 'now' } },
        'delivered target price: high priority, now',
      ],
      ['watch deleted: w1', { key: 'watchDeleted', vars: { id: 'w1' } }, 'watch deleted: w1'],
      [
        'storage full: thinned 5 old reads to one a day, removed 0, of 2 products not watched or viewed in 30 days',
        { key: 'evicted', vars: { cause: 'storage full', thinned: 5, removed: 0, products: 2, days: 30 } },
        'storage full: thinned 5 old reads to one a day, removed 0, of 2 products not watched or viewed in 30 days',
      ],
      [
        'sharing stopped: 1 unshared reads cleared, credential forgotten',
        { key: 'sharingStopped', vars: { count: 1 } },
        'sharing stopped: 1 unshared read cleared, credential forgotten',
      ],
    ];
    for (const [detail, message, english] of cases) expect(auditText(row(detail, message))).toBe(english);
  });

  it('words codes, numbers and plurals in the screen language', () => {
    setLocale(['de-DE']);
    const observed: AuditMessage = {
      key: 'observed',
      vars: { trigger: 'sku-switch', stored: 1234, deduped: 0 },
    };
    expect(auditText(row('x', observed))).toBe(
      'Variante gewechselt: gespeichert 1.234, innerhalb der Stunde unverändert 0',
    );
    setLocale(['fr-FR']);
    expect(auditText(row('x', { key: 'digest', vars: { count: 1 } }))).toBe('résumé : 1 alerte regroupée');
    setLocale(['es']);
    const stopped: AuditMessage = { key: 'sharingStopped', vars: { count: 2 } };
    expect(auditText(row('x', stopped))).toBe(
      'compartir detenido: 2 lecturas sin compartir borradas, credencial olvidada',
    );
  });

  it('keeps free-text values as text, never markup', () => {
    setLocale(['pt']);
    const message: AuditMessage = {
      key: 'queued',
      vars: { what: 'delivered', reason: '<img src=x onerror=alert(1)>' },
    };
    expect(auditText(row('x', message))).toBe('na fila (pedido entregue): <img src=x onerror=alert(1)>');
  });
});
