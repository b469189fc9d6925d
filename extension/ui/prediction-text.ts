import { lastSaleEvent, nextSaleEvent } from '../../shared/predict/calendar.ts';
import { isoDay } from '../../shared/predict/daily.ts';
import type { FeatureName } from '../../shared/predict/features.ts';
import { headlineForm, type Prediction } from '../../shared/predict/infer.ts';
import type { HeldOutSource, PredictionView } from '../messaging.ts';
import { currentLocale, DICTIONARIES, type MessageKey, t, tn } from './i18n.ts';

/**
 * The buy-or-wait answer in the shopper's language, rebuilt from the prediction's numbers (shared/predict
 * writes English for the CLI and tests). Used by the popup and the product-page widget.
 */
export function predictionHeadline(p: Extract<Prediction, { kind: 'prediction' }>): string {
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
export function predictionMessage(p: Exclude<Prediction, { kind: 'prediction' }>): string {
  return p.kind === 'too-little-history'
    ? t('prediction.tooLittle', { days: p.historyDays, needed: p.neededDays })
    : t('prediction.noPriceToday');
}

/**
 * The features that drove the answer, in the screen's language: the same wording rules as shared/predict/
 * explain.ts (English there, for the CLI), here from the catalogue. Older answers without drivers keep theirs.
 */
export function predictionReasons(p: Extract<Prediction, { kind: 'prediction' }>): string[] {
  if (!p.drivers?.length) return p.reasons;
  return [...new Set(p.drivers.map((d) => describeDriver(d.feature, d.value, p.day)))];
}

const percent = (v: number) =>
  new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(Math.abs(v));

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
      const what = t(`reason.what.${name}` as MessageKey);
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
      const weekday = new Intl.DateTimeFormat(currentLocale(), { weekday: 'long', timeZone: 'UTC' });
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

/** The model's record on data it never saw, one line per source, in the screen's language. */
export function heldOutLines(view: PredictionView): string[] {
  if (view.heldOutSources === undefined) return view.heldOut;
  if (view.heldOutSources === null) return [t('heldOut.none')];
  const pct = (v: number, digits: number) =>
    new Intl.NumberFormat(currentLocale(), {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(v);
  return view.heldOutSources.map((r: HeldOutSource) => {
    const key = `heldOut.source.${r.source}`;
    return t('heldOut.line', {
      source: Object.hasOwn(DICTIONARIES.en, key) ? t(key as MessageKey) : r.source,
      auc: new Intl.NumberFormat(currentLocale(), {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(r.rocAuc),
      saved: pct(r.meanSavings, 1),
      captured: pct(r.captured, 0),
      lost: pct(r.loseOver5, 1),
    });
  });
}
