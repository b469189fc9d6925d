import type { PairedWatch } from '../../shared/pairing.ts';
import type { ExtraConditions } from './db.ts';
import { formatMoney } from './format.ts';

/** The conditions beyond a target, as short phrases ("all-time low", "15% below typical", …). */
export function extraConditionsText(c: ExtraConditions | undefined): string[] {
  if (!c) return [];
  const out: string[] = [];
  if (c.pctBelowTypical !== null)
    out.push(c.pctBelowTypical === 'default' ? 'well below typical' : `${c.pctBelowTypical}% below typical`);
  if (c.allTimeLow) out.push('all-time low');
  if (c.backInStock) out.push('back in stock');
  if (c.landed) out.push('with shipping');
  return out;
}

/** Every condition of a paired watch the phone lists but does not hold (a variant, or no target). */
export function pairedWatchText(w: PairedWatch): string {
  const parts: string[] = [];
  if (w.skuId !== null) parts.push(`Variant ${w.skuId}`);
  if (w.target !== null) parts.push(`Target ${formatMoney(w.target, w.currency)}`);
  parts.push(...extraConditionsText(w));
  if (w.region) parts.push(`ships to ${w.region}`);
  return parts.join(' · ');
}
