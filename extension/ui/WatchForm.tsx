import { useState } from 'preact/hooks';
import type { WatchConditions } from '../../shared/alerts.ts';
import { currencyExponent, decimalToMinor, formatDecimal } from '../../shared/money.ts';
import './watch.css';
import { t } from './i18n.ts';

export interface WatchFormValue {
  skuId: string | null;
  conditions: WatchConditions;
  landed: boolean;
}

export interface SkuChoice {
  skuId: string;
  attributes: string;
}

/**
 * The conditions of one watch: target price, % below typical (own value or the global default), all-time low,
 * back in stock; this variant or any (the cheapest). Used by the popup's Watch control and the watchlist editor.
 */
export function WatchForm({
  initial,
  currency,
  skus,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: WatchFormValue;
  currency: string;
  skus: readonly SkuChoice[];
  submitLabel: string;
  onSubmit: (value: WatchFormValue) => Promise<void> | void;
  onCancel?: () => void;
}) {
  const c = initial.conditions;
  const [skuId, setSkuId] = useState(initial.skuId);
  const [target, setTarget] = useState(c.targetPrice == null ? '' : formatDecimal(c.targetPrice, currency));
  const [pctOn, setPctOn] = useState(c.pctBelowTypical != null);
  const [pct, setPct] = useState(typeof c.pctBelowTypical === 'number' ? String(c.pctBelowTypical) : '');
  const [allTimeLow, setAllTimeLow] = useState(c.allTimeLow);
  const [backInStock, setBackInStock] = useState(c.backInStock);
  const [landed, setLanded] = useState(initial.landed);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const targetPrice =
      target.trim() === '' ? null : decimalToMinor(target.trim().replace(',', '.'), currency);
    if (target.trim() !== '' && (targetPrice == null || targetPrice <= 0)) {
      setError(
        t('watch.targetError', {
          example: formatDecimal(10 ** currencyExponent(currency) * 12, currency),
        }),
      );
      return;
    }
    const pctValue = pct.trim() === '' ? 'default' : Number(pct);
    if (pctOn && pctValue !== 'default' && !(pctValue > 0 && pctValue < 100)) {
      setError(t('watch.pctError'));
      return;
    }
    if (targetPrice == null && !pctOn && !allTimeLow && !backInStock) {
      setError(t('watch.noCondition'));
      return;
    }
    setError(null);
    await onSubmit({
      skuId,
      landed,
      conditions: { targetPrice, pctBelowTypical: pctOn ? pctValue : null, allTimeLow, backInStock },
    });
  };

  return (
    <form class="watch-form" data-testid="watch-form" onSubmit={submit}>
      {skus.length > 0 && (
        <label class="field">
          <span>{t('watch.variant')}</span>
          <select
            data-testid="watch-sku"
            value={skuId ?? ''}
            onChange={(e) => setSkuId((e.currentTarget as HTMLSelectElement).value || null)}
          >
            <option value="">{t('watch.anyVariantCheapest')}</option>
            {skus.map((s) => (
              <option key={s.skuId} value={s.skuId}>
                {s.attributes || s.skuId}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        <span>{t('watch.target', { currency })}</span>
        <input
          data-testid="watch-target"
          inputMode="decimal"
          placeholder={t('watch.targetPlaceholder')}
          value={target}
          onInput={(e) => setTarget((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          data-testid="watch-pct-on"
          checked={pctOn}
          onChange={(e) => setPctOn((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>
          {t('watch.atLeast')}{' '}
          <input
            class="narrow"
            data-testid="watch-pct"
            inputMode="numeric"
            placeholder={t('watch.pctPlaceholder')}
            value={pct}
            disabled={!pctOn}
            onInput={(e) => setPct((e.currentTarget as HTMLInputElement).value)}
          />
          {t('watch.pctBelow')}
        </span>
      </label>
      <label class="check">
        <input
          type="checkbox"
          data-testid="watch-atl"
          checked={allTimeLow}
          onChange={(e) => setAllTimeLow((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{t('watch.allTimeLow')}</span>
      </label>
      <label class="check">
        <input
          type="checkbox"
          data-testid="watch-stock"
          checked={backInStock}
          onChange={(e) => setBackInStock((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{t('watch.backInStock')}</span>
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={landed}
          onChange={(e) => setLanded((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{t('watch.landed')}</span>
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" data-testid="watch-submit">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

export const EMPTY_WATCH: WatchFormValue = {
  skuId: null,
  landed: false,
  conditions: { targetPrice: null, pctBelowTypical: null, allTimeLow: true, backInStock: false },
};
