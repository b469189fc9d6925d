import { acceptUpdate, dismissUpdate, updateAvailable } from './sw-bridge.ts';

export function UpdateBanner() {
  if (!updateAvailable.value) return null;
  return (
    <div class="banner" role="status" aria-live="polite">
      <p>Update available</p>
      <button type="button" onClick={dismissUpdate}>
        Later
      </button>
      <button type="button" class="primary" onClick={acceptUpdate}>
        Reload
      </button>
    </div>
  );
}
