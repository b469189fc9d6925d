import { useEffect, useMemo, useState } from 'preact/hooks';
import qrcode from 'qrcode-generator';
import type { PairingStatus } from '../agents/pairing.ts';
import { formatDate } from './format.ts';
import { t, tn } from './i18n.ts';
import type { Ask } from './popup-model.ts';

const QUIET_ZONE = 4;

/** The QR code as one SVG path built from the module grid (no markup strings from page data). */
function QrCode({ text }: { text: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + QUIET_ZONE} ${r + QUIET_ZONE}h1v1h-1z`;
    }
    return { size: n + 2 * QUIET_ZONE, path: d };
  }, [text]);
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      width={220}
      height={220}
      role="img"
      aria-label={t('pair.qrLabel')}
      data-testid="pair-qr"
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** Options page: pair the phone app, sync the watchlist end-to-end encrypted, unpair. */
export function PairPhone({ ask }: { ask: Ask }) {
  const [status, setStatus] = useState<PairingStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // Opening the page is a moment to catch up with the phone (like the alarm, but now).
    void ask('pairing:status', {}).then(async (s) => {
      setStatus(s);
      if (s.paired) setStatus(await ask('pairing:sync', {}));
    });
  }, []);

  async function run(action: () => Promise<PairingStatus>) {
    setError(null);
    setBusy(true);
    try {
      setStatus(await action());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  if (!status) return <p>{t('common.loading')}</p>;
  return (
    <div data-testid="pair-phone">
      {status.paired && status.code && status.link ? (
        <>
          <p>{t('pair.instructions')}</p>
          <QrCode text={status.link} />
          <p>
            {t('pair.code')} <code data-testid="pair-code">{status.code}</code>
          </p>
          <p data-testid="pair-sync-status">
            {status.lastError
              ? t('pair.lastError', { error: status.lastError })
              : status.lastSyncAt
                ? tn('pair.synced', status.shared, { date: formatDate(status.lastSyncAt) })
                : t('pair.notSynced')}
          </p>
          <button type="button" disabled={busy} onClick={() => run(() => ask('pairing:sync', {}))}>
            {t('pair.syncNow')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => run(() => ask('pairing:unpair', {}))}>
            {t('pair.unpair')}
          </button>
        </>
      ) : (
        <>
          <p>{t('pair.intro')}</p>
          <button type="button" disabled={busy} onClick={() => run(() => ask('pairing:start', {}))}>
            {t('pair.start')}
          </button>
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
