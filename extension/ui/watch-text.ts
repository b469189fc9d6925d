import type { Watch } from '../../shared/alerts.ts';
import { formatMoney } from './format.ts';

/** "Any variant: ≤ €9.99 · 15% below typical · all-time low" — plain text, safe to render. */
export function describeWatch(
  watch: Pick<Watch, 'skuId' | 'currency' | 'conditions' | 'landed'>,
  skus: readonly { skuId: string; attributes: string }[] = [],
): string {
  const c = watch.conditions;
  const scope =
    watch.skuId == null
      ? 'Any variant'
      : (skus.find((s) => s.skuId === watch.skuId)?.attributes ?? `Variant ${watch.skuId}`);
  const parts: string[] = [];
  if (c.targetPrice != null) parts.push(`≤ ${formatMoney(c.targetPrice, watch.currency)}`);
  if (c.pctBelowTypical != null) {
    parts.push(
      c.pctBelowTypical === 'default' ? 'default % below typical' : `${c.pctBelowTypical}% below typical`,
    );
  }
  if (c.allTimeLow) parts.push('all-time low');
  if (c.backInStock) parts.push('back in stock');
  if (watch.landed) parts.push('incl. shipping');
  return `${scope}: ${parts.join(' · ') || 'no condition'}`;
}
