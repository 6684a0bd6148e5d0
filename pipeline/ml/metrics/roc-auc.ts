import { checkClassIndex, checkNotEmpty, checkProbabilityShape, checkSameLength } from "./check-inputs";

/**
 * Binary ROC AUC as the Mann–Whitney statistic: the probability that a random positive
 * scores above a random negative, ties counting one half (average ranks), which equals
 * the trapezoidal area under the ROC curve.
 */
export function rocAuc(isPositive: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  checkSameLength("rocAuc", isPositive, scores);
  checkNotEmpty("rocAuc", isPositive);
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    // Ranks are 1-based; every member of a tie group gets the group's mean rank.
    const meanRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (isPositive[order[k]!]) {
        positives++;
        positiveRankSum += meanRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new Error("rocAuc: needs both positive and negative rows; only one class is present");
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Multiclass ROC AUC, one-vs-rest, macro-averaged over the classes that have both
 * positives and negatives in yTrue (a class absent from the evaluation rows has no AUC).
 * For two classes this is the binary AUC of the class-1 probability.
 */
export function rocAucOneVsRest(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, classes: number): number {
  checkNotEmpty("rocAucOneVsRest", yTrue);
  checkProbabilityShape("rocAucOneVsRest", yTrue.length, probabilities, classes);
  const rows = yTrue.length;
  const counts = new Array<number>(classes).fill(0);
  for (let r = 0; r < rows; r++) {
    checkClassIndex("rocAucOneVsRest", yTrue[r]!, classes, r);
    counts[yTrue[r]!]!++;
  }
  const scoresOf = (c: number) => {
    const s = new Float64Array(rows);
    for (let r = 0; r < rows; r++) s[r] = probabilities[r * classes + c]!;
    return s;
  };
  if (classes === 2)
    return rocAuc(
      Array.from(yTrue, (t) => t === 1),
      scoresOf(1),
    );
  let sum = 0;
  let scored = 0;
  for (let c = 0; c < classes; c++) {
    if (counts[c] === 0 || counts[c] === rows) continue;
    sum += rocAuc(
      Array.from(yTrue, (t) => t === c),
      scoresOf(c),
    );
    scored++;
  }
  if (scored === 0) throw new Error("rocAucOneVsRest: needs at least two classes present in y_true");
  return sum / scored;
}
