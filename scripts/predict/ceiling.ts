/**
 * `npm run eval:predict:ceiling`: an upper bound for Steam's AUC goal (issue #8: held-out AUC ≥ the best rule's
 * AUC + 0.05). On each of `npm run eval:predict`'s Steam test windows, every candidate of the shipped family
 * (the same logistic regression and boosted trees) is fitted on that window's own intents — deliberately
 * cheating: it sees the labels it is scored on, and the Steam sale calendar is released, so it can also learn
 * each day's base rate — and its in-sample AUC is set against the rules' AUC + 0.05 on the same intents.
 * A larger tree ensemble (200 × depth 6) shows what capacity the goal would take. Then the other side: the
 * candidates fitted honestly (on the days before each cut-off, as eval:predict fits them, plus monotone trees and
 * every blend weight), with the choice among them made by peeking at the test windows: what any selection rule
 * over those fits could at best reach.
 *
 * Reading: an in-sample fit optimises the log-loss of exactly the rows it is scored on, so in practice it
 * ranks them at least as well as any model of its family fitted elsewhere. If even that falls short of the
 * goal, no honestly trained model of the family can be expected to meet it on these windows. (Not a theorem:
 * the fit minimises log-loss, not 1 − AUC, and boosting is greedy.)
 */
import { isoDay } from '../../shared/predict/daily.ts';
import { fitPlatt } from './calibrate.ts';
import { rocAuc } from './metrics.ts';
import { rawScore } from './model.ts';
import {
  AUC_GOAL_MARGIN,
  BLEND_GRID,
  blendWithMedian90,
  CANDIDATES,
  type Candidate,
  candidatesFor,
  DEFAULT_SETTINGS,
  EVAL_FOLDS,
  fitCandidates,
  heldOutIntents,
  labels,
  loadDatasets,
  logits,
  SEED,
  testWindows,
} from './pipeline.ts';
import { gather, type Matrix } from './rows.ts';
import { feature } from './simulate.ts';
import { trainTrees } from './trees.ts';

const LARGE: Candidate = {
  name: 'boosted trees (200 × depth 6), larger than shipped',
  train: (m) => trainTrees(m, { trees: 200, depth: 6, seed: SEED }),
};
const FAMILY = CANDIDATES.map((c) => c.name);

const started = Date.now();
const settings = DEFAULT_SETTINGS;
console.log(
  `In-sample ceiling on Steam's held-out windows (h = ${settings.horizon} days, θ = ${settings.threshold * 100}%): ` +
    `each candidate fitted on the window's own intents, calendar features released. Goal: AUC ≥ best rule + ${AUC_GOAL_MARGIN}.`,
);
const datasets = loadDatasets(settings);
const steamData = datasets.find((d) => d.source.name === 'steam')!;
const { rows } = steamData;
const steam = steamData.source;
const firstDay = Math.min(...steam.products.map((p) => p.series.startDay));
const windows = testWindows(rows.lastLabelledDay, steamData.window, EVAL_FOLDS);
const candidates = [...CANDIDATES, LARGE];

function inSampleLogits(c: Candidate, m: Matrix): Float64Array {
  const model = c.train(m);
  return Float64Array.from({ length: m.n }, (_, i) => rawScore(model, m.x, i));
}

const f3 = (v: number) => v.toFixed(3);
const verdict = (auc: number, goal: number) =>
  auc >= goal ? `reaches ${f3(goal)}` : `falls short of ${f3(goal)} by ${f3(goal - auc)}`;

const pooled = {
  y: [] as number[],
  median: [] as number[],
  atMin: [] as number[],
  scores: candidates.map(() => [] as number[]),
  held: candidates.map(() => [] as number[]),
};
const perWindow: { goal: number; bestFamily: number }[] = [];
for (const [k, window] of windows.entries()) {
  const intents = heldOutIntents(rows, window);
  const m = gather([{ rows, idx: intents }], { releaseCalendar: true });
  // The same fit with the calendar held at 0 as in training: how much of the ceiling is date stamps.
  const mHeld = gather([{ rows, idx: intents }]);
  const y = [...m.y];
  const median = intents.map((i) => feature(rows, i, 'vsMedian90'));
  const atMin = intents.map((i) => feature(rows, i, 'vsMin30'));
  const medianAuc = rocAuc(median, y);
  const minAuc = rocAuc(atMin, y);
  const goal = Math.max(medianAuc, minAuc) + AUC_GOAL_MARGIN;
  const base = y.reduce((s, v) => s + v, 0) / y.length;
  console.log(
    `\ncut-off ${k + 1}: days ${window[0]}–${window[1]} (${isoDay(firstDay + window[0])} … ${isoDay(firstDay + window[1])}), ` +
      `${intents.length} intents, base rate ${(base * 100).toFixed(1)}%; rules: > 90-day median ${f3(medianAuc)}, ` +
      `at 30-day min ${f3(minAuc)}; goal ${f3(goal)}`,
  );
  pooled.y.push(...y);
  pooled.median.push(...median);
  pooled.atMin.push(...atMin);
  const aucs = candidates.map((c, j) => {
    const t = Date.now();
    const z = inSampleLogits(c, m);
    pooled.scores[j]!.push(...z);
    const auc = rocAuc(z, y);
    const zHeld = inSampleLogits(c, mHeld);
    pooled.held[j]!.push(...zHeld);
    console.log(
      `  in-sample ${c.name.padEnd(52)} ${f3(auc)}  ${verdict(auc, goal)}; calendar held at 0: ${f3(rocAuc(zHeld, y))} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
    );
    return auc;
  });
  perWindow.push({ goal, bestFamily: Math.max(...aucs.slice(0, FAMILY.length)) });
}

const pooledMedian = rocAuc(pooled.median, pooled.y);
const pooledMin = rocAuc(pooled.atMin, pooled.y);
const pooledGoal = Math.max(pooledMedian, pooledMin) + AUC_GOAL_MARGIN;
console.log(
  `\npooled over the ${windows.length} windows (${pooled.y.length} intents): rules: > 90-day median ${f3(pooledMedian)}, ` +
    `at 30-day min ${f3(pooledMin)}; goal ${f3(pooledGoal)}`,
);
const pooledAucs = candidates.map((c, j) => {
  const auc = rocAuc(pooled.scores[j]!, pooled.y);
  const held = rocAuc(pooled.held[j]!, pooled.y);
  console.log(
    `  in-sample, one fit per window: ${c.name.padEnd(52)} ${f3(auc)}  ${verdict(auc, pooledGoal)}; calendar held at 0: ${f3(held)}`,
  );
  return auc;
});
// One fit on all three windows at once: the calendar then also tells it which window (and day) a row is from.
const all = windows.flatMap((w) => heldOutIntents(rows, w));
const mAll = gather([{ rows, idx: all }], { releaseCalendar: true });
const mAllHeld = gather([{ rows, idx: all }]);
const unionAucs = candidates.map((c) => {
  const auc = rocAuc(inSampleLogits(c, mAll), mAll.y);
  const held = rocAuc(inSampleLogits(c, mAllHeld), mAllHeld.y);
  console.log(
    `  in-sample, one fit on all windows: ${c.name.padEnd(48)} ${f3(auc)}  ${verdict(auc, pooledGoal)}; calendar held at 0: ${f3(held)}`,
  );
  return auc;
});

// Honest fits, peeking selection: each candidate (plain and monotone trees, fitted three ways on the days
// before the cut-off exactly as eval:predict fits them) with each blend weight, Platt-calibrated on its
// validation window; then per window the combination with the best TEST AUC is taken (cheating only in the
// choice). This bounds what any selection rule over these honestly fitted models could reach.
const peekCandidates = [
  ...CANDIDATES,
  ...candidatesFor('monotone').filter((c) => c.name.startsWith('monotone')),
];
const peek = {
  y: [] as number[],
  chosen: [] as number[],
  testPlatt: [] as number[],
  choices: [] as string[],
};
const fixed = new Map<string, { y: number[]; z: number[] }>();
/** Per combination, per window: its validation-calibrated test scores (for the search over per-window choices). */
const byWindow = new Map<string, Float64Array[]>();
const yByWindow: number[][] = [];
console.log(
  `\nhonest fits (${peekCandidates.length} candidates × 3 fit sets × ${BLEND_GRID.length} blend weights, Platt on validation), chosen by their TEST AUC per window:`,
);
for (const [k, window] of windows.entries()) {
  const valEnds = datasets.map(
    (d) => testWindows(d.rows.lastLabelledDay, d.window, EVAL_FOLDS)[k]![0] - settings.horizon - 1,
  );
  const { parts, trained } = fitCandidates(datasets, valEnds, settings, peekCandidates, () => {});
  const p = parts.find((q) => q.d === steamData)!;
  const intents = heldOutIntents(rows, window);
  const y = [...labels(rows, intents)];
  const yVal = labels(rows, p.val);
  let best: { auc: number; z: Float64Array; zTest: Float64Array; name: string } = {
    auc: -1,
    z: new Float64Array(),
    zTest: new Float64Array(),
    name: '',
  };
  for (const t of trained) {
    for (const w of BLEND_GRID) {
      const model = blendWithMedian90(t.model, w);
      const platt = fitPlatt(logits(model, rows, p.val), yVal);
      const raw = logits(model, rows, intents);
      const z = raw.map((v) => platt.a * v + platt.b);
      const auc = rocAuc(z, y);
      const name = `${t.candidate} on ${t.fitOn}${w ? ` + ${w} · vsMedian90` : ''}`;
      const per = byWindow.get(name) ?? [];
      per[k] = z;
      byWindow.set(name, per);
      const f = fixed.get(name) ?? { y: [], z: [] };
      f.y.push(...y);
      f.z.push(...z);
      fixed.set(name, f);
      if (auc > best.auc) best = { auc, z, zTest: raw, name };
    }
  }
  // The same chosen ranking, Platt-calibrated on the test window itself (cheating on calibration too).
  const plattTest = fitPlatt(best.zTest, y);
  yByWindow[k] = y;
  peek.y.push(...y);
  peek.chosen.push(...best.z);
  peek.testPlatt.push(...best.zTest.map((v) => plattTest.a * v + plattTest.b));
  console.log(`  cut-off ${k + 1}: best test AUC ${f3(best.auc)} (${best.name})`);
}
const peekPooled = rocAuc(peek.chosen, peek.y);
const peekPooledTestPlatt = rocAuc(peek.testPlatt, peek.y);
let bestFixed = { auc: -1, name: '' };
for (const [name, f] of fixed) {
  const auc = rocAuc(f.z, f.y);
  if (auc > bestFixed.auc) bestFixed = { auc, name };
}
// Per-window choices that maximise the pooled AUC (not each window's own): coordinate ascent from the best
// single combination, one window at a time, until no change helps. A search, so a lower bound on the best mix.
const names = [...byWindow.keys()];
const yAll = yByWindow.flat();
const pooledOf = (choice: number[]) => {
  const z = new Float64Array(yAll.length);
  let o = 0;
  for (const [k, c] of choice.entries()) {
    z.set(byWindow.get(names[c]!)![k]!, o);
    o += yByWindow[k]!.length;
  }
  return rocAuc(z, yAll);
};
const choice = windows.map(() => names.indexOf(bestFixed.name));
let searched = pooledOf(choice);
for (let round = 0, improved = true; improved && round < 5; round++) {
  improved = false;
  for (let k = 0; k < windows.length; k++) {
    for (let c = 0; c < names.length; c++) {
      if (c === choice[k]) continue;
      const trial = choice.with(k, c);
      const auc = pooledOf(trial);
      if (auc > searched + 1e-9) {
        searched = auc;
        choice[k] = c;
        improved = true;
      }
    }
  }
}
console.log(
  `  pooled, best per window: ${f3(peekPooled)}  ${verdict(peekPooled, pooledGoal)}; ` +
    `with Platt fitted on each test window too: ${f3(peekPooledTestPlatt)}  ${verdict(peekPooledTestPlatt, pooledGoal)}`,
);
console.log(
  `  pooled, best single combination at every window: ${f3(bestFixed.auc)} (${bestFixed.name})  ${verdict(bestFixed.auc, pooledGoal)}`,
);

console.log(
  `  pooled, per-window choices searched for the best pooled AUC: ${f3(searched)}  ${verdict(searched, pooledGoal)} ` +
    `(${choice.map((c, k) => `window ${k + 1}: ${names[c]}`).join('; ')})`,
);

const familyBest = Math.max(...pooledAucs.slice(0, FAMILY.length), ...unionAucs.slice(0, FAMILY.length));
const largeBest = Math.max(pooledAucs.at(-1)!, unionAucs.at(-1)!);
console.log('\nConclusion:');
for (const [k, w] of perWindow.entries()) {
  console.log(
    `  cut-off ${k + 1}: best shipped-family in-sample AUC ${f3(w.bestFamily)} vs goal ${f3(w.goal)}: ${w.bestFamily >= w.goal ? 'reachable in-sample' : 'NOT reachable even in-sample'}${w.goal > 1 ? ' (goal above 1: no ranking can meet it on this window alone)' : ''}`,
  );
}
console.log(
  `  The issue's goal is the pooled figure (eval:predict's "Goals"), judged over all ${windows.length} windows together:`,
);
if (familyBest < pooledGoal) {
  console.log(
    `  PROVED (in the sense above): pooled, no candidate of the shipped family reaches ${f3(pooledGoal)} even fitted ` +
      `on the test intents themselves (best ${f3(familyBest)}), so no honestly trained model of this family can meet ` +
      `Steam's AUC goal on these windows.`,
  );
} else {
  console.log(
    `  NOT proved unreachable: pooled, a shipped-family candidate fitted in-sample reaches ${f3(familyBest)} ≥ ` +
      `${f3(pooledGoal)}; the gap to the honest figure is generalisation (what the fit windows cannot show), ` +
      'not capacity.',
  );
}
const peekBest = Math.max(peekPooled, bestFixed.auc, searched);
console.log(
  `  Honestly fitted models, selection peeking at the test windows: at best ${f3(peekBest)} pooled (calibration ` +
    `also peeking: ${f3(peekPooledTestPlatt)}): ${peekBest >= pooledGoal ? 'a selection rule could in principle reach' : 'no selection over these fits, blends and weights that we could find reaches'} ${f3(pooledGoal)}.`,
);
console.log(
  `  Larger capacity (${LARGE.name}): ${f3(largeBest)} pooled in-sample, ${largeBest >= pooledGoal ? 'reaches' : 'short of'} the goal ${f3(pooledGoal)}.`,
);
const rates = yByWindow
  .map((y) => `${((y.reduce((a, v) => a + v, 0) / y.length) * 100).toFixed(1)}%`)
  .join(', ');
console.log(
  familyBest >= pooledGoal && peekBest < pooledGoal
    ? `  Verdict: capacity is not what is missing (in-sample ${f3(familyBest)}), but no model of this family fitted on ` +
        `the days before a cut-off reaches the goal under any choice we could find, even one made on the test windows ` +
        `(${f3(peekBest)}); it takes calibration on the test windows themselves (${f3(peekPooledTestPlatt)}), i.e. ` +
        `knowing each sale week's base rate (${rates}), which no fit or validation window shows.`
    : `  Verdict: in-sample ${f3(familyBest)}, honest fits with peeking selection ${f3(peekBest)}, goal ${f3(pooledGoal)}.`,
);
console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
