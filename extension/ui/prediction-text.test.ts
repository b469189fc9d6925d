import { afterEach, describe, expect, it } from 'vitest';
import { describeFeature } from '../../shared/predict/explain.ts';
import { FEATURE_NAMES } from '../../shared/predict/features.ts';
import { heldOutSummary, type Prediction } from '../../shared/predict/infer.ts';
import metaJson from '../../shared/predict/model/price-drop.json';
import { modelMetaSchema } from '../../shared/predict/model-meta.ts';
import { setLocale } from './i18n.ts';
import { heldOutLines, predictionReasons } from './prediction-text.ts';

type Answer = Extract<Prediction, { kind: 'prediction' }>;
const DAY = 20_417; // 2025-11-25, a Tuesday
const answer = (drivers: Answer['drivers']): Answer => ({
  kind: 'prediction',
  pDrop: 0.3,
  advice: 'buy-now',
  headline: '',
  reasons: ['kept when there are no drivers'],
  drivers,
  day: DAY,
  horizonDays: 14,
  dropThreshold: 0.05,
});

describe('prediction reasons', () => {
  afterEach(() => setLocale(['en']));

  it('in English word every feature as shared/predict/explain.ts does', () => {
    setLocale(['en']);
    for (const feature of FEATURE_NAMES) {
      const ratio = /^vs|Depth|volatility/.test(feature);
      const values =
        feature === 'lastChangeDirection' ? [-1, 0, 1] : ratio ? [0, 0.124, -0.3] : [0, 5, 45, 70];
      for (const value of values) {
        expect(predictionReasons(answer([{ feature, value }])), `${feature} ${value}`).toEqual([
          describeFeature(feature, value, DAY),
        ]);
      }
    }
  });

  it('follow the screen language, and keep the stored words of an answer without drivers', () => {
    setLocale(['de-DE']);
    expect(
      predictionReasons(
        answer([
          { feature: 'vsMedian30', value: 0.124 },
          { feature: 'drops90', value: 3 },
          { feature: 'dayOfWeekSin', value: 0.5 },
        ]),
      ).map((r) => r.replace(/\u00a0/g, ' ')),
    ).toEqual([
      'Preis liegt 12 % über seinem 30-Tage-Median',
      '3-mal gesunken in den letzten 90 Tagen',
      'heute ist Dienstag',
    ]);
    expect(predictionReasons(answer([]))).toEqual(['kept when there are no drivers']);
  });

  it('word the model record on held-out data as shared/predict does, then in the screen language', () => {
    const meta = modelMetaSchema.parse(metaJson);
    const view = {
      prediction: answer([]),
      heldOut: heldOutSummary(meta),
      modelMs: 1,
      heldOutSources: meta.heldOut
        ? Object.entries(meta.heldOut.sources).map(([source, r]) => ({ source, ...r }))
        : null,
    };
    setLocale(['en-US']);
    expect(heldOutLines(view)).toEqual(heldOutSummary(meta));
    setLocale(['de-DE']);
    const german = heldOutLines(view);
    expect(german).toHaveLength(heldOutSummary(meta).length);
    for (const line of german) expect(line).toMatch(/AUC \d,\d\d, .* pro Kauf gespart/);
  });
});
