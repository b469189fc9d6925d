import type { ComponentChildren } from 'preact';
import type { SeenProduct } from '../agents/dashboard.ts';
import type { HomeSection } from '../agents/personalization.ts';
import { t } from './i18n.ts';
import { SeenList } from './SeenList.tsx';

/**
 * Home: recently viewed ranked by the on-device interest score, and what got cheaper since you looked, in the
 * order the personalization agent learned (the section whose products get opened comes first).
 */
export function ForYou({
  forYou,
  cheaper,
  order,
  onOpen,
}: {
  forYou: SeenProduct[];
  cheaper: SeenProduct[];
  order: HomeSection[];
  onOpen: (section: HomeSection) => void;
}) {
  const sections: Record<HomeSection, ComponentChildren> = {
    'for-you': (
      <section key="for-you" aria-labelledby="foryou-title">
        <h2 id="foryou-title">{t('home.forYou')}</h2>
        <p class="muted">{t('home.forYouWhy')}</p>
        {forYou.length === 0 ? (
          <p class="muted">{t('home.empty')}</p>
        ) : (
          <SeenList items={forYou} testId="for-you" onOpen={() => onOpen('for-you')} />
        )}
      </section>
    ),
    cheaper: (
      <section key="cheaper" aria-labelledby="cheaper-title">
        <h2 id="cheaper-title">{t('home.cheaper')}</h2>
        {cheaper.length === 0 ? (
          <p class="muted">{t('home.cheaperEmpty')}</p>
        ) : (
          <SeenList items={cheaper} testId="got-cheaper" onOpen={() => onOpen('cheaper')} />
        )}
      </section>
    ),
  };
  return <>{order.map((s) => sections[s])}</>;
}
