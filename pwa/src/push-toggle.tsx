import { useEffect } from 'preact/hooks';
import { disablePush, enablePush, initPush, pushState } from './push-client.ts';

const TEXT = {
  unsupported: 'This browser cannot show price alerts.',
  denied: 'Notifications are blocked for this app in the browser settings.',
  error: 'Could not turn on alerts. Try again later.',
} as const;

export function PushToggle() {
  useEffect(() => {
    void initPush();
  }, []);
  const state = pushState.value;
  if (state === 'unsupported') return <p class="muted">{TEXT.unsupported}</p>;
  const on = state === 'on';
  return (
    <div>
      <button
        type="button"
        aria-pressed={on}
        disabled={state === 'busy'}
        onClick={() => (on ? disablePush() : enablePush())}
      >
        {on ? 'Price alerts on' : 'Send me price alerts'}
      </button>
      {(state === 'denied' || state === 'error') && (
        <p class="error" role="alert">
          {TEXT[state]}
        </p>
      )}
    </div>
  );
}
