import { effect, signal } from '@preact/signals';
import { CURRENCIES } from '../../shared/api-money.ts';

/**
 * Which community series the shopper reads: prices are only comparable within one currency and ship-to
 * country, and a shared link does not say which the shopper sees in the app.
 */
const KEY = 'companion-series';

function load(): { currency: string; region: string | null } {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as {
      currency?: unknown;
      region?: unknown;
    } | null;
    const currency =
      typeof saved?.currency === 'string' && CURRENCIES.has(saved.currency) ? saved.currency : 'USD';
    const region = typeof saved?.region === 'string' && /^[A-Z]{2}$/.test(saved.region) ? saved.region : null;
    return { currency, region };
  } catch {
    return { currency: 'USD', region: null };
  }
}

const initial = load();
export const currency = signal(initial.currency);
export const region = signal<string | null>(initial.region);

effect(() => {
  localStorage.setItem(KEY, JSON.stringify({ currency: currency.value, region: region.value }));
});
