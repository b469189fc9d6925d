import type { PluralBase, Vars } from './i18n.ts';
import { lastSaleEvent, nextSaleEvent } from './predict/calendar.ts';
import { isoDay } from './predict/daily.ts';
import type { FeatureName } from './predict/features.ts';
import { headlineForm, type Prediction } from './predict/infer.ts';
import type { ModelMeta } from './predict/model-meta.ts';

/**
 * The buy-or-wait answer in the screen's language, rebuilt from the prediction's numbers (shared/predict writes
 * English for the CLI and tests). One wording logic for the extension (extension/ui/prediction-text.ts) and the
 * PWA (pwa/src/prediction-view.tsx); the words are shared/prediction-words/, spread into both apps' dictionaries.
 */

type RatioFeature = Extract<FeatureName, `vs${string}`>;
const HELD_OUT_SOURCES = ['steam', 'heissepreise'] as const;

export type PredictionTextKey =
  | 'prediction.wait'
  | 'prediction.buyNow'
  | 'prediction.buyNowDespiteChance'
  | 'prediction.tooLittle'
  | 'prediction.noPriceToday'
  | 'reason.at'
  | 'reason.above'
  | 'reason.below'
  | `reason.what.${RatioFeature}`
  | 'reason.changedToday'
  | 'reason.unchanged30'
  | 'reason.unchanged.one'
  | 'reason.unchanged.other'
  | 'reason.atLow90'
  | 'reason.sinceLow.one'
  | 'reason.sinceLow.other'
  | 'reason.noDrops'
  | 'reason.drops.one'
  | 'reason.drops.other'
  | 'reason.noPastDrops'
  | 'reason.dropDepth'
  | 'reason.steady'
  | 'reason.volatility'
  | 'reason.lastRise'
  | 'reason.lastDrop'
  | 'reason.noChange'
  | 'reason.weekday'
  | 'reason.noSaleAhead'
  | 'reason.saleToday'
  | 'reason.saleAround'
  | 'reason.noRecentSale'
  | 'reason.saleBegan'
  | 'heldOut.none'
  | 'heldOut.line'
  | `heldOut.source.${(typeof HELD_OUT_SOURCES)[number]}`;

/** What the wording needs of an app's translator (shared/i18n.ts); its dictionary must hold every key above. */
export interface PredictionTranslator {
  t(key: PredictionTextKey, vars?: Vars): string;
  tn(base: PluralBase<PredictionTextKey>, count: number, vars?: Vars): string;
  locale(): string;
}

/** The model's record on one held-out source, as numbers (ModelMeta's heldOut, or the extension's message). */
export interface HeldOutFigures {
  source: string;
  rocAuc: number;
  meanSavings: number;
  captured: number;
  loseOver5: number;
}

/** The record a screen words (heldOutLines) from the model's metadata; null: not evaluated on held-out data. */
export function heldOutFigures(meta: ModelMeta): HeldOutFigures[] | null {
  if (!meta.heldOut) return null;
  return Object.entries(meta.heldOut.sources).map(([source, r]) => ({
    source,
    rocAuc: r.rocAuc,
    meanSavings: r.meanSavings,
    captured: r.captured,
    loseOver5: r.loseOver5,
  }));
}

type Answer = Extract<Prediction, { kind: 'prediction' }>;

export function predictionText({ t, tn, locale }: PredictionTranslator) {
  const percent = (v: number) =>
    new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(Math.abs(v));

  function headline(p: Answer): string {
    const vars = {
      pct: Math.round(p.pDrop * 100),
      drop: Math.round(p.dropThreshold * 100),
      days: p.horizonDays,
    };
    const form = headlineForm(p.advice, p.pDrop);
    if (form === 'wait') return t('prediction.wait', vars);
    return form === 'buy-now' ? t('prediction.buyNow', vars) : t('prediction.buyNowDespiteChance', vars);
  }

  /** Why there is no answer. */
  function message(p: Exclude<Prediction, { kind: 'prediction' }>): string {
    return p.kind === 'too-little-history'
      ? t('prediction.tooLittle', { days: p.historyDays, needed: p.neededDays })
      : t('prediction.noPriceToday');
  }

  /**
   * The features that drove the answer: the same wording rules as shared/predict/explain.ts (English there, for
   * the CLI), here from the dictionary. Older answers without drivers keep theirs.
   */
  function reasons(p: Answer): string[] {
    if (!p.drivers?.length) return p.reasons;
    return [...new Set(p.drivers.map((d) => describeDriver(d.feature, d.value, p.day)))];
  }

  function describeDriver(name: FeatureName, value: number, day: number): string {
    switch (name) {
      case 'vsMedian7':
      case 'vsMedian30':
      case 'vsMedian90':
      case 'vsMin7':
      case 'vsMin30':
      case 'vsMin90':
      case 'vsMax7':
      case 'vsMax30':
      case 'vsMax90': {
        const what = t(`reason.what.${name}`);
        if (Math.abs(value) < 0.005) return t('reason.at', { what });
        return t(value > 0 ? 'reason.above' : 'reason.below', { what, pct: percent(value) });
      }
      case 'daysSinceChange':
        if (value === 0) return t('reason.changedToday');
        return value >= 30 ? t('reason.unchanged30') : tn('reason.unchanged', value);
      case 'daysSinceLow':
        return value === 0 ? t('reason.atLow90') : tn('reason.sinceLow', value);
      case 'drops90':
        return value === 0 ? t('reason.noDrops') : tn('reason.drops', value);
      case 'meanDropDepth90':
        return value === 0 ? t('reason.noPastDrops') : t('reason.dropDepth', { pct: percent(value) });
      case 'volatility30':
        return value === 0 ? t('reason.steady') : t('reason.volatility', { pct: percent(value) });
      case 'lastChangeDirection':
        return t(value > 0 ? 'reason.lastRise' : value < 0 ? 'reason.lastDrop' : 'reason.noChange');
      case 'dayOfWeekSin':
      case 'dayOfWeekCos': {
        const weekday = new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' });
        return t('reason.weekday', { day: weekday.format(day * 86_400_000) });
      }
      case 'daysToSaleEvent': {
        const next = nextSaleEvent(day);
        if (!next) return t('reason.noSaleAhead');
        return value === 0
          ? t('reason.saleToday', { name: next.name })
          : t('reason.saleAround', { name: next.name, date: isoDay(next.day) });
      }
      case 'daysSinceSaleEvent': {
        const last = lastSaleEvent(day);
        if (!last) return t('reason.noRecentSale');
        return t('reason.saleBegan', { name: last.name, days: value >= 60 ? '60+' : value });
      }
    }
  }

  /** The model's record on data it never saw, one line per source; null: not evaluated. */
  function heldOutLines(sources: readonly HeldOutFigures[] | null): string[] {
    if (sources === null) return [t('heldOut.none')];
    const pct = (v: number, digits: number) =>
      new Intl.NumberFormat(locale(), {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(v);
    return sources.map((r) =>
      t('heldOut.line', {
        source: (HELD_OUT_SOURCES as readonly string[]).includes(r.source)
          ? t(`heldOut.source.${r.source as (typeof HELD_OUT_SOURCES)[number]}`)
          : r.source,
        auc: new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
          r.rocAuc,
        ),
        saved: pct(r.meanSavings, 1),
        captured: pct(r.captured, 0),
        lost: pct(r.loseOver5, 1),
      }),
    );
  }

  return { headline, message, reasons, heldOutLines };
}
