import { useEffect, useMemo, useState } from 'preact/hooks';
import qrcode from 'qrcode-generator';
import type { PairingStatus } from '../agents/pairing.ts';
import { formatDate } from './format.ts';
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
      aria-label="Pairing QR code"
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
    void ask('pairing:status', {}).then(setStatus);
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

  if (!status) return <p>Loading…</p>;
  return (
    <div data-testid="pair-phone">
      {status.paired && status.code && status.link ? (
        <>
          <p>
            On your phone, open the companion app's pairing page and scan this code, or type the code below.
            Your watchlist is encrypted on each device; the server only stores ciphertext.
          </p>
          <QrCode text={status.link} />
          <p>
            Pairing code: <code data-testid="pair-code">{status.code}</code>
          </p>
          <p data-testid="pair-sync-status">
            {status.lastError
              ? `Last sync failed: ${status.lastError}`
              : status.lastSyncAt
                ? `Watchlist synced ${formatDate(status.lastSyncAt)} (${status.shared} shared watches)`
                : 'Not synced yet'}
          </p>
          <button type="button" disabled={busy} onClick={() => run(() => ask('pairing:sync', {}))}>
            Sync now
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => run(() => ask('pairing:unpair', {}))}>
            Unpair
          </button>
        </>
      ) : (
        <>
          <p>
            See and edit your watchlist on your phone. Pairing creates a secret code on this computer; nothing
            readable leaves your devices.
          </p>
          <button type="button" disabled={busy} onClick={() => run(() => ask('pairing:start', {}))}>
            Pair with your phone
          </button>
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
