import { useEffect, useState } from 'preact/hooks';
import type { SharingStatus } from '../agents/sync.ts';
import { formatDate } from './format.ts';
import './community.css';
import { releaseSharingPermission, requestSharingPermission } from '../sharing-permission.ts';
import type { Ask } from './popup-model.ts';

/** Exactly what one shared read carries — the list the consent is given for (and shared/api.ts uploads). */
export const SHARED_FIELDS = [
  'the AliExpress product id and variant (SKU) id',
  'the price, the struck-through price and the shipping fee',
  'the currency and the ship-to country',
  'the time the price was read',
  'page flags such as "flash deal" or "new-user price"',
];

export const NEVER_SHARED = [
  'who you are: no name, e-mail, AliExpress account, cookies or device details',
  'what else you browse: no page addresses, titles, searches or other sites',
  'the prices you read before saying yes',
];

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
      if (!(await requestSharingPermission())) throw new Error('Firefox did not grant the data permission');
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

  if (!status) return <p class="muted">Loading…</p>;
  const on = status.sharing;
  return (
    <div
      class="sharing"
      data-testid="sharing"
      data-sharing={on ? 'on' : 'off'}
      data-api-base={status.apiBase}
    >
      <p>
        {on ? 'Sharing is on. ' : ''}With your permission, the companion shares the prices it reads —
        anonymously — and shows you what other shoppers saw: price history for the days you were not looking,
        and community deals.
      </p>
      <p class="sharing-heading">For each price read, exactly this is sent:</p>
      <ul>
        {SHARED_FIELDS.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p class="sharing-heading">Never sent:</p>
      <ul>
        {NEVER_SHARED.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p class="muted">
        The service hands this browser a random credential (kept only here) so you can delete what you shared.
        While sharing is on, opening a product also asks the service for its community history (product id,
        currency, ship-to country). The service does not store IP addresses.
      </p>
      {!on && (
        <p class="sharing-actions">
          <button type="button" data-testid="sharing-on" onClick={turnOn}>
            Share anonymously
          </button>
          {firstRun && status.decidedAt === null && (
            <button type="button" data-testid="sharing-decline" onClick={turnOff}>
              No thanks
            </button>
          )}
        </p>
      )}
      {!on && status.decidedAt !== null && (
        <p class="muted" data-testid="sharing-decided">
          Sharing is off. Nothing is sent.
        </p>
      )}
      {on && (
        <>
          <p class="muted" data-testid="sharing-status">
            {status.queued} waiting to upload · {status.uploaded} shared
            {status.lastUploadAt ? ` · last upload ${formatDate(status.lastUploadAt)}` : ''}
            {status.nextAttemptAt ? ` · next try ${formatDate(status.nextAttemptAt)}` : ''}
          </p>
          {status.lastError && <p class="muted">Last problem: {status.lastError}</p>}
          <p class="sharing-actions">
            <button
              type="button"
              data-testid="sharing-upload"
              onClick={() => run(() => ask('sharing:upload-now', {}))}
            >
              Upload now
            </button>
            <button
              type="button"
              data-testid="sharing-delete"
              onClick={deleteShared}
              disabled={!status.registered}
            >
              Delete what I shared
            </button>
            <button type="button" data-testid="sharing-off" onClick={turnOff}>
              Stop sharing
            </button>
          </p>
          <p class="muted">
            “Stop sharing” clears the reads waiting to upload and forgets the credential: after that, what you
            already shared can no longer be traced to you — or deleted. Delete it first if you want it gone.
          </p>
        </>
      )}
      {deleted !== null && (
        <p data-testid="deleted-count">
          Deleted {deleted} {deleted === 1 ? 'read' : 'reads'} you shared from the community service.
        </p>
      )}
      {error && <p class="error">{error}</p>}
      {!firstRun && (
        <details>
          <summary>Community service address</summary>
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
              Save
            </button>{' '}
            <button type="button" onClick={() => run(() => ask('sharing:api-base', { apiBase: null }))}>
              Default
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
