import { ABSTAIN, checkLabelMatrix, type LabelMatrix } from "./label-matrix";
import type { ProbabilisticLabels } from "./probabilistic-labels";

/**
 * Each row's label is the class most functions voted for. Probabilities are one-hot
 * for a clear winner and uniform over the classes tied for most votes (a tie's hard
 * label is -1, so a downstream "drop" treats it like an uncovered row only if asked).
 * Uncovered rows get uniform probabilities.
 */
export function majorityVote(matrix: LabelMatrix): ProbabilisticLabels {
  checkLabelMatrix(matrix);
  const n = matrix.rowCount;
  const m = matrix.labelingFunctions.length;
  const K = matrix.classes.length;
  const probabilities = new Float64Array(n * K);
  const labels = new Int32Array(n).fill(-1);
  const covered = new Uint8Array(n);
  const counts = new Int32Array(K);
  for (let r = 0; r < n; r++) {
    counts.fill(0);
    for (let j = 0; j < m; j++) {
      const v = matrix.votes[r * m + j]!;
      if (v !== ABSTAIN) counts[v]!++;
    }
    let best = 0;
    for (let k = 0; k < K; k++) best = Math.max(best, counts[k]!);
    covered[r] = best > 0 ? 1 : 0;
    let winners = 0;
    for (let k = 0; k < K; k++) if (best === 0 || counts[k] === best) winners++;
    for (let k = 0; k < K; k++) {
      if (best === 0 || counts[k] === best) {
        probabilities[r * K + k] = 1 / winners;
        if (winners === 1) labels[r] = k;
      }
    }
  }
  return { classes: [...matrix.classes], probabilities, labels, covered };
}
