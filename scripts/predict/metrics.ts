/** Ranking and probability scores, all per source (base rates differ 100× between sources). */

/** ROC-AUC with ties counted half (Mann–Whitney). */
export function rocAuc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && score[order[j]!] === score[order[i]!]) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (y[order[k]!] === 1) {
        rankSumPos += midRank;
        positives++;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPos - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** PR-AUC as average precision; tied scores enter together, so a constant score gets the base rate. */
export function prAuc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]!);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i]!;
  if (positives === 0) return Number.NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    let tpGroup = 0;
    while (j < order.length && score[order[j]!] === score[order[i]!]) tpGroup += y[order[j++]!]!;
    tp += tpGroup;
    seen = j;
    ap += (tpGroup / positives) * (tp / seen);
    i = j;
  }
  return ap;
}

export function brier(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

/** The Brier score of always saying the (test) base rate: the bar a useful probability must clear. */
export function baseRateBrier(y: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i]!;
  const rate = pos / y.length;
  return rate * (1 - rate);
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export function reliability(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  edges = [0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1],
) {
  const bins: ReliabilityBin[] = edges.slice(0, -1).map((from, k) => ({
    from,
    to: edges[k + 1]!,
    count: 0,
    meanPredicted: 0,
    observedRate: 0,
  }));
  for (let i = 0; i < p.length; i++) {
    const bin = bins.find((b, k) => p[i]! < b.to || k === bins.length - 1)!;
    bin.count++;
    bin.meanPredicted += p[i]!;
    bin.observedRate += y[i]!;
  }
  for (const b of bins) {
    if (b.count === 0) continue;
    b.meanPredicted /= b.count;
    b.observedRate /= b.count;
  }
  return bins;
}
