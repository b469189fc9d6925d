import { useEffect, useState } from 'preact/hooks';
import { ALERT_TYPES, type AlertType } from '../../shared/alerts.ts';
import type { NotificationSettings } from '../agents/notification.ts';
import type { Ask } from './popup-model.ts';
import './watch.css';
import { t } from './i18n.ts';

const typeLabel = (type: AlertType): string => t(`alertType.${type}`);

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Quiet hours, digest times, per-type toggles, the global default threshold, pause. */
export function NotificationSettingsForm({ ask }: { ask: Ask }) {
  const [s, setS] = useState<NotificationSettings | null>(null);
  const [digests, setDigests] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    void ask('notification-settings:get', {}).then((loaded) => {
      setS(loaded);
      setDigests(loaded.digestTimes.join(', '));
    });
  }, []);
  if (!s) return <p class="muted">{t('common.loading')}</p>;

  const patch = (p: Partial<NotificationSettings>) => setS({ ...s, ...p });
  const save = async (e: Event) => {
    e.preventDefault();
    const times = digests
      .split(/[\s,]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    const bad = times.find((t) => !HHMM.test(t));
    if (bad || times.length === 0) {
      setStatus(bad ? t('notif.digestErrorBad', { value: bad }) : t('notif.digestError'));
      return;
    }
    try {
      const saved = await ask('notification-settings:set', { ...s, digestTimes: [...new Set(times)].sort() });
      setS(saved);
      setDigests(saved.digestTimes.join(', '));
      setStatus(t('notif.saved'));
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <form class="settings" data-testid="notification-settings" onSubmit={save}>
      <fieldset>
        <legend>{t('notif.alerts')}</legend>
        {ALERT_TYPES.map((type) => (
          <label class="check" key={type}>
            <input
              type="checkbox"
              data-testid={`type-${type}`}
              checked={s.enabledTypes[type]}
              onChange={(e) =>
                patch({
                  enabledTypes: { ...s.enabledTypes, [type]: (e.currentTarget as HTMLInputElement).checked },
                })
              }
            />
            <span>{typeLabel(type)}</span>
          </label>
        ))}
        <label class="field">
          <span>{t('notif.defaultPct')}</span>
          <input
            type="number"
            min={1}
            max={99}
            data-testid="default-pct"
            value={s.defaultPctBelowTypical}
            onInput={(e) =>
              patch({ defaultPctBelowTypical: Number((e.currentTarget as HTMLInputElement).value) })
            }
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            data-testid="paused"
            checked={s.paused}
            onChange={(e) => patch({ paused: (e.currentTarget as HTMLInputElement).checked })}
          />
          <span>{t('notif.pause')}</span>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('notif.quiet', { zone: s.timeZone })}</legend>
        <label class="check">
          <input
            type="checkbox"
            data-testid="quiet-on"
            checked={s.quietHours.enabled}
            onChange={(e) =>
              patch({
                quietHours: { ...s.quietHours, enabled: (e.currentTarget as HTMLInputElement).checked },
              })
            }
          />
          <span>{t('notif.holdFrom')}</span>
          <input
            type="time"
            data-testid="quiet-start"
            value={s.quietHours.start}
            onInput={(e) =>
              patch({ quietHours: { ...s.quietHours, start: (e.currentTarget as HTMLInputElement).value } })
            }
          />
          <span>{t('notif.to')}</span>
          <input
            type="time"
            data-testid="quiet-end"
            value={s.quietHours.end}
            onInput={(e) =>
              patch({ quietHours: { ...s.quietHours, end: (e.currentTarget as HTMLInputElement).value } })
            }
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            data-testid="breakthrough"
            checked={s.allowBreakthrough}
            onChange={(e) => patch({ allowBreakthrough: (e.currentTarget as HTMLInputElement).checked })}
          />
          <span>{t('notif.breakthrough')}</span>
        </label>
        <button
          type="button"
          class="link"
          onClick={() => patch({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
        >
          {t('notif.useZone')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('notif.digest')}</legend>
        <label class="field">
          <span>{t('notif.digestTimes')}</span>
          <input
            data-testid="digest-times"
            value={digests}
            onInput={(e) => setDigests((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </fieldset>
      <button type="submit" data-testid="settings-save">
        {t('common.save')}
      </button>
      {status && (
        <p class="muted" role="status" data-testid="settings-status">
          {status}
        </p>
      )}
    </form>
  );
}
