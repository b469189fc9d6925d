import { CommunityNote } from '../../ui/CommunityNote.tsx';
import { t } from '../../ui/i18n.ts';
import { PricePrediction } from '../../ui/PricePrediction.tsx';
import { PriceVerdict } from '../../ui/PriceVerdict.tsx';
import { ProductCard } from '../../ui/ProductCard.tsx';
import type { Ask, PopupModel } from '../../ui/popup-model.ts';
import { RecentList } from '../../ui/RecentList.tsx';
import { useCommunity } from '../../ui/use-community.ts';
import { WatchControl } from '../../ui/WatchControl.tsx';

export function Popup({ model, ask, dashboardUrl }: { model: PopupModel; ask?: Ask; dashboardUrl?: string }) {
  const state = model.state.value;
  // Own and community history merged (own days win); the verdict below judges the merged history.
  const community = useCommunity(state === 'product' ? (model.view.value?.product.id ?? null) : null, ask);
  return (
    <main class="popup" data-state={state}>
      {state === 'loading' && <p class="muted">{t('common.loading')}</p>}
      {state === 'error' && <p class="error">{t('popup.error', { error: model.error.value ?? '' })}</p>}
      {state === 'product' && model.view.value && (
        <ProductCard
          view={model.view.value}
          community={community?.status === 'ok' ? community.points : null}
        />
      )}
      {state === 'product' && ask && <CommunityNote view={community} />}
      {state === 'product' && model.view.value?.product.currency && ask && (
        <PriceVerdict
          productId={model.view.value.product.id}
          currency={model.view.value.product.currency}
          ask={ask}
          summary={community ? community.summary : undefined}
        />
      )}
      {state === 'product' && model.view.value && ask && (
        <PricePrediction productId={model.view.value.product.id} ask={ask} />
      )}
      {state === 'product' && model.view.value && ask && <WatchControl view={model.view.value} ask={ask} />}
      {state === 'recent' && (
        <section>
          <h1 class="section-title">{t('popup.recent')}</h1>
          <RecentList products={model.recent.value} />
        </section>
      )}
      {dashboardUrl && (
        <p class="popup-footer">
          <a href={dashboardUrl} target="_blank" rel="noreferrer" data-testid="open-dashboard">
            {t('popup.openDashboard')}
          </a>
        </p>
      )}
    </main>
  );
}
