import { useSignal } from '@preact/signals';
import { t } from './i18n.ts';
import { openText, resolveShortLink } from './link-opener.ts';
import { navigate } from './router.ts';

export function PasteBox() {
  const text = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    busy.value = true;
    error.value = null;
    const opened = await openText(text.value, resolveShortLink);
    busy.value = false;
    if (opened.ok) navigate(`/p/${opened.productId}`);
    else error.value = opened.message;
  }

  return (
    <form onSubmit={submit} aria-describedby={error.value ? 'paste-error' : undefined}>
      <label for="paste">{t('paste.label')}</label>
      <div class="row">
        <input
          id="paste"
          type="text"
          inputMode="url"
          autoComplete="off"
          placeholder="https://www.aliexpress.com/item/…"
          value={text.value}
          onInput={(e) => {
            text.value = e.currentTarget.value;
          }}
        />
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? t('paste.opening') : t('paste.open')}
        </button>
      </div>
      {error.value && (
        <p id="paste-error" class="error" role="alert">
          {error.value}
        </p>
      )}
    </form>
  );
}
