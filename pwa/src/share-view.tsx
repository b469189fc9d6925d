import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { parseSharedParams } from '../../shared/urls.ts';
import { t } from './i18n.ts';
import { openParsed, resolveShortLink } from './link-opener.ts';
import { navigate } from './router.ts';
import { sharedTitle } from './shared-title.ts';

/** The share target's landing page: turn whatever the sharing app sent into a product page. */
export function ShareView({ params }: { params: URLSearchParams }) {
  const error = useSignal<string | null>(null);
  useEffect(() => {
    const parsed = parseSharedParams({
      url: params.get('url'),
      text: params.get('text'),
      title: params.get('title'),
    });
    void openParsed(parsed, resolveShortLink).then((opened) => {
      const title = sharedTitle({ title: params.get('title'), text: params.get('text') });
      if (opened.ok) navigate(`/p/${opened.productId}`, { replace: true, state: { title } });
      else error.value = opened.message;
    });
  }, [params]);
  return (
    <>
      <h1>{t('share.opening')}</h1>
      {error.value && (
        <>
          <p class="error" role="alert">
            {error.value}
          </p>
          <p>
            <a href="/">{t('notFound.home')}</a>
          </p>
        </>
      )}
    </>
  );
}
