import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ProductQuery, ProductView } from '../../messaging.ts';
import { localizeDocument, t } from '../../ui/i18n.ts';
import { PopupTabs } from '../../ui/PopupTabs.tsx';
import { type Ask, createPopupModel } from '../../ui/popup-model.ts';
import { Popup } from './Popup.tsx';
import './popup.css';

/** The popup's UI, loaded by main.tsx once its first question to the background is on its way. */
export function mountPopup(
  ask: Ask,
  query: Promise<ProductQuery>,
  firstView: Promise<ProductView | null>,
): void {
  localizeDocument(document, t('app.name'));
  const model = createPopupModel(ask);
  render(
    <PopupTabs ask={ask}>
      <Popup model={model} ask={ask} dashboardUrl={browser.runtime.getURL('/dashboard.html')} />
    </PopupTabs>,
    document.getElementById('app')!,
  );
  void query.then((q) => model.load(q, firstView));
}
