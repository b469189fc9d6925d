import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { DealsView } from './DealsView.tsx';
import type { DashboardModel, Section } from './dashboard-model.ts';
import { SECTIONS } from './dashboard-model.ts';
import { ForYou } from './ForYou.tsx';
import { HistorySection } from './HistorySection.tsx';
import { type MessageKey, t } from './i18n.ts';
import { NotificationSettingsForm } from './NotificationSettingsForm.tsx';
import { Orders } from './Orders.tsx';
import { PersonalizationSettings } from './PersonalizationSettings.tsx';
import { PrivacyCentre } from './PrivacyCentre.tsx';
import type { PersonalizationModel } from './personalization-model.ts';
import type { Ask } from './popup-model.ts';
import { Watchlist } from './Watchlist.tsx';

export interface DashboardLinks {
  options: string;
  consent: string;
}

/** The one place that gathers everything followed: a section per tab, the open one kept in the URL hash. */
export function Dashboard({
  model,
  personal,
  ask,
  links,
}: {
  model: DashboardModel;
  personal: PersonalizationModel;
  ask: Ask;
  links: DashboardLinks;
}) {
  const section = model.section.value;
  const products = model.products.value;
  useEffect(() => {
    document.title = `${t(`nav.${section}` as MessageKey)} — ${t('app.name')}`;
  }, [section]);
  return (
    <div class="dashboard">
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header class="dash-header">
        <p class="brand">{t('app.name')}</p>
        <nav aria-label={t('nav.label')}>
          <ul class="tabs">
            {SECTIONS.map((s) => (
              <li key={s}>
                <a href={`#${s}`} aria-current={s === section ? 'page' : undefined} data-testid={`nav-${s}`}>
                  {t(`nav.${s}` as MessageKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} class="page" data-section={section}>
        <h1 class="visually-hidden">{t(`nav.${section}` as MessageKey)}</h1>
        {model.error.value && (
          <p class="error" role="alert">
            {model.error.value}
          </p>
        )}
        {products === null && section !== 'settings' ? (
          <p class="muted">{t('common.loading')}</p>
        ) : (
          <Body section={section} model={model} personal={personal} ask={ask} links={links} />
        )}
      </main>
    </div>
  );
}

function Body({
  section,
  model,
  personal,
  ask,
  links,
}: {
  section: Section;
  model: DashboardModel;
  personal: PersonalizationModel;
  ask: Ask;
  links: DashboardLinks;
}): ComponentChildren {
  switch (section) {
    case 'home':
      return (
        <ForYou
          forYou={model.forYou.value}
          cheaper={model.cheaper.value}
          order={personal.prefs.value.homeOrder}
          onOpen={personal.opened}
        />
      );
    case 'watchlist':
      return <Watchlist ask={ask} />;
    case 'history':
      return <HistorySection products={model.products.value ?? []} />;
    case 'deals':
      return <DealsView ask={ask} />;
    case 'orders':
      return <Orders ask={ask} />;
    case 'settings':
      return (
        <section aria-labelledby="settings-title">
          <h2 id="settings-title">{t('settings.notifications')}</h2>
          <NotificationSettingsForm ask={ask} />
          <PersonalizationSettings model={personal} />
          <p>
            <a href={links.options}>{t('settings.allSettings')}</a> ·{' '}
            <a href={links.consent}>{t('settings.community')}</a>
          </p>
        </section>
      );
    case 'privacy':
      return (
        <PrivacyCentre
          ask={ask}
          onErased={() => {
            void personal.reset();
            void model.load();
          }}
        />
      );
  }
}
