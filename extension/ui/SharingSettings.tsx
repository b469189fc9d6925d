import { useEffect, useState } from 'preact/hooks';
import type { SharingStatus } from '../agents/sync.ts';
import { formatDate } from './format.ts';
import './community.css';
import { releaseSharingPermission, requestSharingPermission } from '../sharing-permission.ts';
import { type MessageKey, t, tn } from './i18n.ts';
import type { Ask } from './popup-model.ts';

/** Exactly what one shared read carries — the list the consent is given for (and shared/api.ts uploads). */
export const SHARED_FIELDS = [
  'sharing.field.ids',
  'sharing.field.price',
  'sharing.field.region',
  'sharing.field.time',
  'sharing.field.flags',
] as const satisfies readonly MessageKey[];

export const NEVER_SHARED = [
  'sharing.never.who',
  'sharing.never.browse',
  'sharing.never.before',
] as const satisfies readonly MessageKey[];

/** The consent screen (first run) and the sharing controls (settings): one component, one wording. */
export function SharingSettings({ ask, firstRun = false }: { ask: Ask; firstRun?: boolean }) {
  const [status, setStatus] = useState<SharingStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<number | null>(null);
  const [apiBase, setApiBase] = useState('');
  useEffect(() => {
    void ask('sharing:status', {}).then((s) => {
      setStatus(s);
      setApiBase(s.apiBase);
    });
  }, []);

  async function run(action: () => Promise<SharingStatus>) {
    setError(null);
    try {
      setStatus(await action());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const turnOn = () =>
    run(async () => {
      if (!(await requestSharingPermission())) throw new Error(t('sharing.permissionDenied'));
      return ask('sharing:set', { sharing: true });
    });
  const turnOff = () =>
    run(async () => {
      const next = await ask('sharing:set', { sharing: false });
      await releaseSharingPermission();
      return next;
    });
  const deleteShared = async () => {
    setError(null);
    try {
      setDeleted((await ask('sharing:delete-shared', {})).deleted);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (!status) return <p class="muted">{t('common.loading')}</p>;
  const on = status.sharing;
  return (
    <div
      class="sharing"
      data-testid="sharing"
      data-sharing={on ? 'on' : 'off'}
      data-api-base={status.apiBase}
    >
      <p>
        {on ? `${t('sharing.isOn')} ` : ''}
        {t('sharing.intro')}
      </p>
      <p class="sharing-heading">{t('sharing.sentHeading')}</p>
      <ul>
        {SHARED_FIELDS.map((f) => (
          <li key={f}>{t(f)}</li>
        ))}
      </ul>
      <p class="sharing-heading">{t('sharing.neverHeading')}</p>
      <ul>
        {NEVER_SHARED.map((f) => (
          <li key={f}>{t(f)}</li>
        ))}
      </ul>
      <p class="muted">{t('sharing.credential')}</p>
      {!on && (
        <p class="sharing-actions">
          <button type="button" data-testid="sharing-on" onClick={turnOn}>
            {t('sharing.on')}
          </button>
          {firstRun && status.decidedAt === null && (
            <button type="button" data-testid="sharing-decline" onClick={turnOff}>
              {t('sharing.decline')}
            </button>
          )}
        </p>
      )}
      {!on && status.decidedAt !== null && (
        <p class="muted" data-testid="sharing-decided">
          {t('sharing.decided')}
        </p>
      )}
      {on && (
        <>
          <p class="muted" data-testid="sharing-status">
            {t('sharing.status', { queued: status.queued, uploaded: status.uploaded })}
            {status.lastUploadAt
              ? ` · ${t('sharing.lastUpload', { date: formatDate(status.lastUploadAt) })}`
              : ''}
            {status.nextAttemptAt
              ? ` · ${t('sharing.nextTry', { date: formatDate(status.nextAttemptAt) })}`
              : ''}
          </p>
          {status.lastError && <p class="muted">{t('sharing.lastProblem', { error: status.lastError })}</p>}
          <p class="sharing-actions">
            <button
              type="button"
              data-testid="sharing-upload"
              onClick={() => run(() => ask('sharing:upload-now', {}))}
            >
              {t('sharing.uploadNow')}
            </button>
            <button
              type="button"
              data-testid="sharing-delete"
              onClick={deleteShared}
              disabled={!status.registered}
            >
              {t('sharing.delete')}
            </button>
            <button type="button" data-testid="sharing-off" onClick={turnOff}>
              {t('sharing.off')}
            </button>
          </p>
          <p class="muted">{t('sharing.offExplained')}</p>
        </>
      )}
      {deleted !== null && <p data-testid="deleted-count">{tn('sharing.deleted', deleted)}</p>}
      {error && <p class="error">{error}</p>}
      {!firstRun && (
        <details>
          <summary>{t('sharing.apiBase')}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => ask('sharing:api-base', { apiBase: apiBase.trim() || null }));
            }}
          >
            <input
              type="url"
              data-testid="sharing-api-base"
              value={apiBase}
              onInput={(e) => setApiBase((e.target as HTMLInputElement).value)}
              size={40}
            />{' '}
            <button type="submit" data-testid="sharing-api-save">
              {t('common.save')}
            </button>{' '}
            <button type="button" onClick={() => run(() => ask('sharing:api-base', { apiBase: null }))}>
              {t('common.default')}
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
