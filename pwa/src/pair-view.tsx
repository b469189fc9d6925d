import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ago } from './format.ts';
import { t } from './i18n.ts';
import { initPairing, pairState, pairWithCode, sync, unpair } from './pair-sync.ts';
import { db } from './store.ts';

/** Pair with the extension: type the code it shows, or open its QR code's link (/pair?code=…). */
export function PairView({ code }: { code: string | null }) {
  const text = useSignal(code ?? '');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  useEffect(() => {
    void initPairing(db);
  }, []);
  const state = pairState.value;

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    busy.value = true;
    error.value = await pairWithCode(db, text.value);
    busy.value = false;
  }

  if (state.kind === 'paired') {
    return (
      <section aria-labelledby="pair-title">
        <h1 id="pair-title">{t('pair.pairedTitle')}</h1>
        <p role="status" data-testid="pair-status">
          {state.error ??
            (state.lastSync ? t('pair.syncedAgo', { ago: ago(state.lastSync) }) : t('pair.syncing'))}
        </p>
        <p class="muted">{t('pair.encrypted')}</p>
        <div class="row">
          <button type="button" class="primary" onClick={() => sync(db, { force: true })}>
            {t('pair.syncNow')}
          </button>
          <button type="button" onClick={() => unpair(db)}>
            {t('pair.unpair')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <form onSubmit={submit} aria-labelledby="pair-title">
      <h1 id="pair-title">{t('pair.title')}</h1>
      <p class="muted">{t('pair.howTo')}</p>
      <label for="pair-code">{t('pair.codeLabel')}</label>
      <div class="row">
        <input
          id="pair-code"
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XX"
          value={text.value}
          onInput={(e) => {
            text.value = e.currentTarget.value;
          }}
        />
        <button type="submit" class="primary" disabled={busy.value}>
          {t('pair.submit')}
        </button>
      </div>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
    </form>
  );
}
