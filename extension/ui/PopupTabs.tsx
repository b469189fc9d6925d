import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import './community.css';
import { t } from './i18n.ts';
import { lazyComponent } from './lazy.tsx';
import type { Ask } from './popup-model.ts';

/** Deals load when their tab is first opened: the popup's first paint is the product. */
const DealsView = lazyComponent(() => import('./DealsView.tsx').then((m) => m.DealsView));

/** "This page" (the product popup as before) and "Deals". */
export function PopupTabs({ ask, children }: { ask: Ask; children: ComponentChildren }) {
  const [tab, setTab] = useState<'page' | 'deals'>('page');
  return (
    <>
      <div class="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'page'} onClick={() => setTab('page')}>
          {t('popup.tabPage')}
        </button>
        <button
          type="button"
          role="tab"
          data-testid="tab-deals"
          aria-selected={tab === 'deals'}
          onClick={() => setTab('deals')}
        >
          {t('nav.deals')}
        </button>
      </div>
      {tab === 'page' ? children : <main class="popup">{<DealsView ask={ask} />}</main>}
    </>
  );
}
