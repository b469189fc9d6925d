import { useEffect } from 'preact/hooks';
import { type MessageKey, t } from './i18n.ts';
import { disablePush, enablePush, initPush, pushState } from './push-client.ts';

const TEXT = {
  unsupported: 'push.unsupported',
  denied: 'push.denied',
  error: 'push.error',
} as const satisfies Record<string, MessageKey>;

export function PushToggle() {
  useEffect(() => {
    void initPush();
  }, []);
  const state = pushState.value;
  if (state === 'unsupported') return <p class="muted">{t(TEXT.unsupported)}</p>;
  const on = state === 'on';
  return (
    <div>
      <button
        type="button"
        aria-pressed={on}
        disabled={state === 'busy'}
        onClick={() => (on ? disablePush() : enablePush())}
      >
        {on ? t('push.on') : t('push.off')}
      </button>
      {(state === 'denied' || state === 'error') && (
        <p class="error" role="alert">
          {t(TEXT[state])}
        </p>
      )}
    </div>
  );
}
