/**
 * `npm run predict -- --csv FILE [--horizon 14] [--threshold 0.05] [--model sale-driven|steady] [--out FILE]`:
 * p_drop for every day of every product with enough history, from a committed model: by default the one the
 * extension ships (sale-driven), or the one calibrated on groceries (steady); see shared/predict/regimes.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BROWSER_REGIME, REGIMES, type Regime } from '../../shared/predict/regimes.ts';
import { loadCommittedPredictor } from './load-model.ts';
import { predictCsv } from './predict-csv.ts';

const { values } = parseArgs({
  options: {
    csv: { type: 'string' },
    horizon: { type: 'string', default: '14' },
    threshold: { type: 'string', default: '0.05' },
    model: { type: 'string', default: BROWSER_REGIME },
    out: { type: 'string' },
  },
});
const regime = values.model as Regime;
if (!values.csv || !(regime in REGIMES)) {
  console.error(
    `usage: npm run predict -- --csv FILE [--horizon 14] [--threshold 0.05] [--model ${Object.keys(REGIMES).join('|')}] [--out FILE]`,
  );
  process.exit(2);
}
const predictor = await loadCommittedPredictor(regime);
const horizon = Number(values.horizon);
const threshold = Number(values.threshold);
if (horizon !== predictor.meta.horizonDays || Math.abs(threshold - predictor.meta.dropThreshold) > 1e-12) {
  console.error(
    `The committed model answers h = ${predictor.meta.horizonDays} days, θ = ${predictor.meta.dropThreshold}; ` +
      `for h = ${horizon}, θ = ${threshold} retrain first: npm run train -- --horizon ${horizon} --threshold ${threshold}`,
  );
  process.exit(2);
}
const csv = await predictCsv(readFileSync(values.csv, 'utf8'), predictor);
if (values.out) writeFileSync(values.out, csv);
else process.stdout.write(csv);
