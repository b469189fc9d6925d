/**
 * `npm run eval:predict`: walk-forward evaluation of the whole training procedure (pipeline.ts), per source,
 * against simple rules. At each cut-off the procedure only sees days before it (fit | gap | validation | gap),
 * then predicts the next window with that source's model. Prints one table per source (never a pooled figure:
 * base rates differ ~10×) and writes each source's held-out record into its regime's model metadata.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isoDay } from '../../shared/predict/daily.ts';
import { type HeldOutRecord, modelMetaSchema } from '../../shared/predict/model-meta.ts';
import { regimeOfSource } from '../../shared/predict/regimes.ts';
import { baseRateBrier, brier, prAuc, reliability, rocAuc } from './metrics.ts';
import { predictProbabilities } from './model.ts';
import { modelPaths, writeFormattedJson } from './paths.ts';
import {
  AUC_GOAL_MARGIN,
  DEFAULT_SETTINGS,
  EVAL_FOLDS,
  fitProcedure,
  heldOutIntents,
  loadDatasets,
  type Settings,
  SHIPPED_VARIANT,
  testWindows,
  VARIANTS,
  type Variant,
} from './pipeline.ts';
import {
  alwaysWait,
  buyAt30DayMin,
  buyNow,
  feature,
  type MoneySummary,
  modelPolicy,
  type Outcome,
  type Policy,
  perfectForesight,
  simulate,
  summarize,
  waitIfAboveMedian,
} from './simulate.ts';

const FOLDS = EVAL_FOLDS;
const { values: args } = parseArgs({ options: { variant: { type: 'string', default: SHIPPED_VARIANT } } });
if (!VARIANTS.includes(args.variant as Variant)) {
  throw new Error(`--variant must be one of ${VARIANTS.join(', ')}`);
}
const variant = args.variant as Variant;
const settings: Settings = { ...DEFAULT_SETTINGS, variant };
const started = Date.now();
console.log(
  `Walk-forward evaluation, h = ${settings.horizon} days, θ = ${settings.threshold * 100}%, ${FOLDS} cut-offs per source, procedure: ${variant}`,
);
const datasets = loadDatasets(settings);

const POLICIES = [
  'model',
  'always buy',
  'always wait',
  'buy if at 30-day minimum',
  'wait if > x above 90-day median',
  'perfect foresight',
] as const;
type PolicyName = (typeof POLICIES)[number];

interface Collected {
  y: number[];
  p: number[];
  scores: Record<PolicyName, number[]>;
  outcomes: Record<PolicyName, Outcome[]>;
  foldAuc: number[];
  /** Per cut-off: the two rules' scores' AUC (the "wait if above the median" rule's and the 30-day minimum's). */
  foldMedianAuc: number[];
  foldMinAuc: number[];
  foldBaseRate: number[];
  /** Per cut-off: validation AUC of what this source ships (selection may only look at these). */
  foldValidationAuc: number[];
  foldTest: string[];
  choices: string[];
}
const collected: Collected[] = datasets.map(() => ({
  y: [],
  p: [],
  scores: Object.fromEntries(POLICIES.map((n) => [n, []])) as unknown as Record<PolicyName, number[]>,
  outcomes: Object.fromEntries(POLICIES.map((n) => [n, []])) as unknown as Record<PolicyName, Outcome[]>,
  foldAuc: [],
  foldMedianAuc: [],
  foldMinAuc: [],
  foldBaseRate: [],
  foldValidationAuc: [],
  foldTest: [],
  choices: [],
}));

for (let fold = 0; fold < FOLDS; fold++) {
  const cutoffs = datasets.map((d) => testWindows(d.rows.lastLabelledDay, d.window, FOLDS)[fold]![0]);
  console.log(`\nCut-off ${fold + 1}/${FOLDS} (source days ${cutoffs.join(', ')}):`);
  const models = fitProcedure(
    datasets,
    cutoffs.map((c) => c - settings.horizon - 1),
    settings,
    (line) => console.log(line),
  );
  datasets.forEach((d, k) => {
    const c = cutoffs[k]!;
    const fitted = models[k]!;
    const intents = heldOutIntents(d.rows, [c, c + d.window - 1]);
    const probabilities = predictProbabilities(fitted.model, d.rows.x);
    const policies: Record<Exclude<PolicyName, 'perfect foresight'>, Policy> = {
      model: modelPolicy(probabilities, fitted.tau),
      'always buy': buyNow,
      'always wait': alwaysWait,
      'buy if at 30-day minimum': buyAt30DayMin(d.rows),
      'wait if > x above 90-day median': waitIfAboveMedian(d.rows, fitted.medianRuleX),
    };
    const col = collected[k]!;
    const y = intents.map((i) => d.rows.y[i]!);
    const p = intents.map((i) => probabilities[i]!);
    col.y.push(...y);
    col.p.push(...p);
    col.scores.model.push(...p);
    col.scores['always buy'].push(...intents.map(() => 0));
    col.scores['always wait'].push(...intents.map(() => 1));
    col.scores['buy if at 30-day minimum'].push(...intents.map((i) => feature(d.rows, i, 'vsMin30')));
    col.scores['wait if > x above 90-day median'].push(
      ...intents.map((i) => feature(d.rows, i, 'vsMedian90')),
    );
    col.scores['perfect foresight'].push(...y);
    for (const [name, policy] of Object.entries(policies)) {
      col.outcomes[name as PolicyName].push(
        simulate(d.rows, d.source.products, intents, policy, settings.horizon),
      );
    }
    col.outcomes['perfect foresight'].push(
      perfectForesight(d.rows, d.source.products, intents, settings.horizon),
    );
    col.foldAuc.push(rocAuc(p, y));
    col.foldMedianAuc.push(rocAuc(col.scores['wait if > x above 90-day median'].slice(-y.length), y));
    col.foldMinAuc.push(rocAuc(col.scores['buy if at 30-day minimum'].slice(-y.length), y));
    col.foldBaseRate.push(y.reduce((s, v) => s + v, 0) / y.length);
    col.foldValidationAuc.push(fitted.ownValidationAuc);
    const firstDay = Math.min(...d.source.products.map((q) => q.series.startDay));
    col.foldTest.push(
      `days ${c}–${c + d.window - 1} (${isoDay(firstDay + c)} … ${isoDay(firstDay + c + d.window - 1)}): ${intents.length} intents`,
    );
    col.choices.push(
      `${fitted.candidate} on ${fitted.fitOn}${fitted.blendWeight ? ` + ${fitted.blendWeight} · vsMedian90` : ''}, τ=${fitted.tau}, x=${fitted.medianRuleX}`,
    );
  });
}

const concat = (outcomes: Outcome[]): Outcome => ({
  savings: Float64Array.from(outcomes.flatMap((o) => [...o.savings])),
  daysWaited: Int32Array.from(outcomes.flatMap((o) => [...o.daysWaited])),
});
const pct = (v: number, digits = 2) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(digits)}%`;
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

const record: Record<string, HeldOutRecord> = {};
const goalLines: string[] = [];
datasets.forEach((d, k) => {
  const col = collected[k]!;
  const foresight = concat(col.outcomes['perfect foresight']);
  const baseRate = col.y.reduce((s, v) => s + v, 0) / col.y.length;
  console.log(
    `\n=== ${d.source.name}: ${col.y.length} held-out intents (${d.source.products.length} of ${d.source.totalProducts} products), base rate ${(baseRate * 100).toFixed(1)}% ===`,
  );
  // One line per cut-off: the model beside both rules' scores on the same intents, and the goal on that window.
  for (const [i, t] of col.foldTest.entries()) {
    const goal = Math.max(col.foldMedianAuc[i]!, col.foldMinAuc[i]!) + AUC_GOAL_MARGIN;
    console.log(
      `  cut-off ${i + 1}: ${t}, base rate ${(col.foldBaseRate[i]! * 100).toFixed(1)}%; AUC model ${col.foldAuc[i]!.toFixed(3)} | > 90-day median ${col.foldMedianAuc[i]!.toFixed(3)} | at 30-day min ${col.foldMinAuc[i]!.toFixed(3)}; best rule + ${AUC_GOAL_MARGIN} = ${goal.toFixed(3)}; validation AUC ${col.foldValidationAuc[i]!.toFixed(3)} (${col.choices[i]})`,
    );
  }
  {
    const median = rocAuc(col.scores['wait if > x above 90-day median'], col.y);
    const atMin = rocAuc(col.scores['buy if at 30-day minimum'], col.y);
    const meanValidation = col.foldValidationAuc.reduce((s, v) => s + v, 0) / col.foldValidationAuc.length;
    console.log(
      `  pooled: AUC model ${rocAuc(col.p, col.y).toFixed(3)} | > 90-day median ${median.toFixed(3)} | at 30-day min ${atMin.toFixed(3)}; best rule + ${AUC_GOAL_MARGIN} = ${(Math.max(median, atMin) + AUC_GOAL_MARGIN).toFixed(3)}; validation AUC, mean over cut-offs ${meanValidation.toFixed(3)}`,
    );
  }
  console.log(
    `${pad('policy', 34)}${lpad('ROC-AUC', 8)}${lpad('PR-AUC', 8)}${lpad('Brier', 8)}${lpad('saved/purchase', 16)}${lpad('of best', 9)}${lpad('lose>5%', 9)}${lpad('days waited', 13)}`,
  );
  const summaries = {} as Record<PolicyName, MoneySummary>;
  const aucs = {} as Record<PolicyName, number>;
  for (const name of POLICIES) {
    const money = summarize(concat(col.outcomes[name]), foresight);
    summaries[name] = money;
    aucs[name] = rocAuc(col.scores[name], col.y);
    const pr = prAuc(col.scores[name], col.y);
    const b = name === 'model' ? brier(col.p, col.y).toFixed(4) : '—';
    console.log(
      `${pad(name, 34)}${lpad(aucs[name].toFixed(3), 8)}${lpad(pr.toFixed(3), 8)}${lpad(b, 8)}${lpad(pct(money.meanSavings), 16)}${lpad(`${(money.captured * 100).toFixed(0)}%`, 9)}${lpad(`${(money.loseOver5 * 100).toFixed(1)}%`, 9)}${lpad(money.meanDaysWaited.toFixed(1), 13)}`,
    );
  }
  const refBrier = baseRateBrier(col.y);
  console.log(
    `${pad('base rate (constant probability)', 34)}${lpad('0.500', 8)}${lpad(baseRate.toFixed(3), 8)}${lpad(refBrier.toFixed(4), 8)}`,
  );
  console.log('  reliability of the model (predicted → observed, count):');
  for (const bin of reliability(col.p, col.y)) {
    if (bin.count === 0) continue;
    console.log(
      `    [${bin.from.toFixed(2)}, ${bin.to.toFixed(2)})  ${bin.meanPredicted.toFixed(3)} → ${bin.observedRate.toFixed(3)}  (${bin.count})`,
    );
  }

  const baselines = [
    'always buy',
    'always wait',
    'buy if at 30-day minimum',
    'wait if > x above 90-day median',
  ] as const;
  const bestBaselineAuc = Math.max(...baselines.map((b) => aucs[b]));
  const bestRule = baselines.reduce((a, b) => (summaries[b].meanSavings > summaries[a].meanSavings ? b : a));
  const modelBrier = brier(col.p, col.y);
  const m = summaries.model;
  record[d.source.name] = {
    intents: col.y.length,
    baseRate,
    rocAuc: aucs.model,
    bestBaselineAuc,
    prAuc: prAuc(col.p, col.y),
    brier: modelBrier,
    baseRateBrier: refBrier,
    meanSavings: m.meanSavings,
    bestRuleSavings: summaries[bestRule].meanSavings,
    captured: m.captured,
    loseOver5: m.loseOver5,
    meanDaysWaited: m.meanDaysWaited,
  };
  const yes = (ok: boolean) => (ok ? 'MET    ' : 'NOT MET');
  goalLines.push(
    `${yes(aucs.model >= bestBaselineAuc + AUC_GOAL_MARGIN)} ${d.source.name}: AUC ${aucs.model.toFixed(3)} ≥ best baseline ${bestBaselineAuc.toFixed(3)} + ${AUC_GOAL_MARGIN}`,
    `${yes(modelBrier < refBrier)} ${d.source.name}: Brier ${modelBrier.toFixed(4)} < base-rate Brier ${refBrier.toFixed(4)}`,
    `${yes(m.meanSavings > summaries[bestRule].meanSavings)} ${d.source.name}: savings ${pct(m.meanSavings)} > best rule (${bestRule}) ${pct(summaries[bestRule].meanSavings)}`,
  );
  if (d.source.name === 'steam') {
    goalLines.push(
      `${yes(m.captured >= 0.7)} steam: ${(m.captured * 100).toFixed(0)}% of perfect-foresight savings ≥ 70% (h = ${settings.horizon})`,
    );
  }
});

console.log('\nGoals:');
for (const line of goalLines) console.log(`  ${line}`);

// Each regime's model file gets the record of the source that stands for it (the one it was evaluated on);
// another variant's run records nothing (it is not what ships).
for (const [source, r] of variant === SHIPPED_VARIANT ? Object.entries(record) : []) {
  const regime = regimeOfSource(source);
  if (!regime) continue;
  const path = modelPaths(regime).meta;
  const meta = modelMetaSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  if (meta.horizonDays !== settings.horizon || meta.dropThreshold !== settings.threshold) continue;
  meta.heldOut = {
    method: `walk-forward, ${FOLDS} cut-offs, same procedure as npm run train (fit | ${settings.horizon}-day gap | validation | ${settings.horizon}-day gap | test)`,
    sources: { [source]: r },
  };
  writeFormattedJson(path, meta);
  console.log(`\nHeld-out record of ${source} written to ${path}`);
}
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
