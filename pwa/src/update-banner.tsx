import { t } from './i18n.ts';
import { acceptUpdate, dismissUpdate, updateAvailable } from './sw-bridge.ts';

export function UpdateBanner() {
  if (!updateAvailable.value) return null;
  return (
    <div class="banner" role="status" aria-live="polite">
      <p>{t('update.available')}</p>
      <button type="button" onClick={dismissUpdate}>
        {t('update.later')}
      </button>
      <button type="button" class="primary" onClick={acceptUpdate}>
        {t('update.reload')}
      </button>
    </div>
  );
}
