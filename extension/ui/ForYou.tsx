import type { SeenProduct } from '../agents/dashboard.ts';
import { t } from './i18n.ts';
import { SeenList } from './SeenList.tsx';

/** Home: recently viewed ranked by the on-device interest score, and what got cheaper since you looked. */
export function ForYou({ forYou, cheaper }: { forYou: SeenProduct[]; cheaper: SeenProduct[] }) {
  return (
    <>
      <section aria-labelledby="foryou-title">
        <h2 id="foryou-title">{t('home.forYou')}</h2>
        <p class="muted">{t('home.forYouWhy')}</p>
        {forYou.length === 0 ? (
          <p class="muted">{t('home.empty')}</p>
        ) : (
          <SeenList items={forYou} testId="for-you" />
        )}
      </section>
      <section aria-labelledby="cheaper-title">
        <h2 id="cheaper-title">{t('home.cheaper')}</h2>
        {cheaper.length === 0 ? (
          <p class="muted">{t('home.cheaperEmpty')}</p>
        ) : (
          <SeenList items={cheaper} testId="got-cheaper" />
        )}
      </section>
    </>
  );
}
