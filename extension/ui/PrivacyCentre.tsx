import { useEffect, useState } from 'preact/hooks';
import type { AuditEventRow, AuditKind } from '../db.ts';
import { auditText } from './audit-text.ts';
import { tablesToCsv } from './export-csv.ts';
import { formatDate } from './format.ts';
import { currentLocale, type MessageKey, t, tn } from './i18n.ts';
import type { Ask } from './popup-model.ts';

const KINDS: readonly AuditKind[] = ['observed', 'not-stored', 'rejected', 'alert', 'sync', 'evicted'];

/**
 * What the companion keeps and did, on this device only: the audit log with filters, export of every local
 * table (JSON and CSV), deleting everything local, and storage used against the browser's quota.
 */
export function PrivacyCentre({ ask, onErased }: { ask: Ask; onErased: () => void }) {
  const [kind, setKind] = useState<AuditKind | ''>('');
  const [text, setText] = useState('');
  const [events, setEvents] = useState<AuditEventRow[] | null>(null);
  const [storage, setStorage] = useState<StorageEstimate | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const reload = async () => {
    setEvents(await ask('audit:list', { kind: kind || null, limit: 500 }));
    setStorage((await navigator.storage?.estimate?.()) ?? null);
  };
  useEffect(() => {
    void reload().catch((e: unknown) => setStatus(String(e)));
  }, [kind]);

  const needle = text.trim().toLowerCase();
  const shown = (events ?? []).filter(
    (e) =>
      !needle ||
      e.detail.toLowerCase().includes(needle) ||
      auditText(e).toLowerCase().includes(needle) ||
      (e.productId ?? '').includes(needle) ||
      (e.url ?? '').toLowerCase().includes(needle),
  );
  const locale = currentLocale();

  const download = async (format: 'json' | 'csv') => {
    const data = await ask('local:export', {});
    const stamp = new Date(data.exportedAt).toISOString().slice(0, 10);
    const body = format === 'json' ? JSON.stringify(data, null, 2) : tablesToCsv(data.tables);
    const type = format === 'json' ? 'application/json' : 'text/csv';
    const url = URL.createObjectURL(new Blob([body], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `aliexpress-companion-${stamp}.${format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus(t('privacy.exported', { file: a.download }));
  };

  return (
    <section aria-labelledby="privacy-title" data-testid="privacy">
      <h2 id="privacy-title">{t('privacy.title')}</h2>
      <p>{t('privacy.intro')}</p>

      <h3>{t('privacy.storage')}</h3>
      <p data-testid="storage-used">
        {storage?.usage !== undefined && storage.quota
          ? t('privacy.storageUsed', {
              used: formatBytes(storage.usage, locale),
              quota: formatBytes(storage.quota, locale),
              pct: Math.max(0.01, Math.round((storage.usage / storage.quota) * 10_000) / 100),
            })
          : t('privacy.storageUnknown')}
      </p>
      <p class="muted">{t('privacy.eviction')}</p>

      <h3>{t('privacy.export')}</h3>
      <div class="actions">
        <button type="button" data-testid="export-json" onClick={() => void download('json')}>
          {t('privacy.exportJson')}
        </button>
        <button type="button" data-testid="export-csv" onClick={() => void download('csv')}>
          {t('privacy.exportCsv')}
        </button>
      </div>

      <h3>{t('privacy.erase')}</h3>
      <p class="muted">{t('privacy.eraseWhat')}</p>
      {confirming ? (
        <div class="actions">
          <button
            type="button"
            class="danger"
            data-testid="erase-confirm"
            onClick={() =>
              void ask('local:erase', {}).then(async (counts) => {
                const rows = Object.values(counts).reduce((a, b) => a + b, 0);
                setConfirming(false);
                setStatus(tn('privacy.erased', rows));
                onErased();
                await reload();
              })
            }
          >
            {t('privacy.eraseConfirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" data-testid="erase" onClick={() => setConfirming(true)}>
          {t('privacy.eraseButton')}
        </button>
      )}
      {status && (
        <p role="status" data-testid="privacy-status">
          {status}
        </p>
      )}

      <h3>{t('privacy.audit')}</h3>
      <div class="filters">
        <label class="field">
          <span>{t('privacy.auditKind')}</span>
          <select
            value={kind}
            data-testid="audit-kind"
            onChange={(e) => setKind((e.target as HTMLSelectElement).value as AuditKind | '')}
          >
            <option value="">{t('privacy.auditAll')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`audit.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('privacy.auditSearch')}</span>
          <input
            type="search"
            value={text}
            data-testid="audit-search"
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      <p class="muted">{tn('privacy.auditCount', shown.length)}</p>
      <table class="audit" data-testid="audit-log">
        <caption class="visually-hidden">{t('privacy.audit')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('privacy.auditWhen')}</th>
            <th scope="col">{t('privacy.auditKind')}</th>
            <th scope="col">{t('privacy.auditItem')}</th>
            <th scope="col">{t('privacy.auditWhy')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td>{formatDate(e.at, locale)}</td>
              <td>{KINDS.includes(e.kind) ? t(`audit.${e.kind}` as MessageKey) : e.kind}</td>
              <td>{e.productId ?? '—'}</td>
              <td dir="auto">{auditText(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(value);
}
