import type { PairedWatch } from '../../shared/pairing.ts';
import type { ExtraConditions } from './db.ts';
import { formatMoney } from './format.ts';
import { t } from './i18n.ts';

/** The conditions beyond a target, as short phrases ("all-time low", "15% below typical", …). */
export function extraConditionsText(c: ExtraConditions | undefined): string[] {
  if (!c) return [];
  const out: string[] = [];
  if (c.pctBelowTypical !== null)
    out.push(
      c.pctBelowTypical === 'default'
        ? t('watchText.wellBelow')
        : t('watchText.pct', { pct: c.pctBelowTypical }),
    );
  if (c.allTimeLow) out.push(t('watchText.allTimeLow'));
  if (c.backInStock) out.push(t('watchText.backInStock'));
  if (c.landed) out.push(t('watchText.withShipping'));
  return out;
}

/** Every condition of a paired watch the phone lists but does not hold (a variant, or no target). */
export function pairedWatchText(w: PairedWatch): string {
  const parts: string[] = [];
  if (w.skuId !== null) parts.push(t('watchText.variant', { id: w.skuId }));
  if (w.target !== null) parts.push(t('watchlist.target', { price: formatMoney(w.target, w.currency) }));
  parts.push(...extraConditionsText(w));
  if (w.region) parts.push(t('watchText.shipsTo', { region: w.region }));
  return parts.join(' · ');
}
