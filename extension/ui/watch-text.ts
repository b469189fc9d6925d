import type { Watch } from '../../shared/alerts.ts';
import { formatMoney } from './format.ts';
import { t } from './i18n.ts';

/** "Any variant: ≤ €9.99 · 15% below typical · all-time low" — plain text, safe to render. */
export function describeWatch(
  watch: Pick<Watch, 'skuId' | 'currency' | 'conditions' | 'landed'>,
  skus: readonly { skuId: string; attributes: string }[] = [],
): string {
  const c = watch.conditions;
  const scope =
    watch.skuId == null
      ? t('watchText.anyVariant')
      : (skus.find((s) => s.skuId === watch.skuId)?.attributes ??
        t('watchText.variant', { id: watch.skuId }));
  const parts: string[] = [];
  if (c.targetPrice != null) parts.push(`≤ ${formatMoney(c.targetPrice, watch.currency)}`);
  if (c.pctBelowTypical != null) {
    parts.push(
      c.pctBelowTypical === 'default'
        ? t('watchText.defaultPct')
        : t('watchText.pct', { pct: c.pctBelowTypical }),
    );
  }
  if (c.allTimeLow) parts.push(t('watchText.allTimeLow'));
  if (c.backInStock) parts.push(t('watchText.backInStock'));
  if (watch.landed) parts.push(t('watchText.landed'));
  return t('watchText.line', { scope, conditions: parts.join(' · ') || t('watchText.none') });
}
