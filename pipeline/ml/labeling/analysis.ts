import { ABSTAIN, checkLabelMatrix, type LabelMatrix } from "./label-matrix";

export interface LabelingFunctionSummary {
  name: string;
  /** Classes this function voted for at least once. */
  polarity: string[];
  /** Share of rows it voted on. */
  coverage: number;
  /** Share of rows where it and at least one other function voted. */
  overlaps: number;
  /** Share of rows where it and another function voted for different classes. */
  conflicts: number;
  /** With gold labels: rows it voted on that have a gold label, and how many it got right. */
  correct?: number;
  incorrect?: number;
  /** correct / (correct + incorrect); undefined when it voted on no gold-labelled row. */
  empiricalAccuracy?: number;
}

export interface LabelMatrixSummary {
  functions: LabelingFunctionSummary[];
  /** Share of rows with at least one vote, with two or more votes, and with disagreeing votes. */
  coverage: number;
  overlaps: number;
  conflicts: number;
}

/**
 * Snorkel-style LF analysis. `gold` holds a class index per row, or -1 where a row has
 * no gold label (only rows with one count towards accuracy).
 */
export function analyzeLabelMatrix(matrix: LabelMatrix, gold?: Int32Array): LabelMatrixSummary {
  checkLabelMatrix(matrix);
  const n = matrix.rowCount;
  const m = matrix.labelingFunctions.length;
  if (gold !== undefined && gold.length !== n) throw new Error(`Gold labels have ${gold.length} rows; the label matrix has ${n}`);
  const votedOn = new Int32Array(m);
  const overlapped = new Int32Array(m);
  const conflicted = new Int32Array(m);
  const correct = new Int32Array(m);
  const incorrect = new Int32Array(m);
  const polarity = Array.from({ length: m }, () => new Set<number>());
  let covered = 0;
  let overlapRows = 0;
  let conflictRows = 0;
  for (let r = 0; r < n; r++) {
    let voters = 0;
    let first = ABSTAIN;
    let disagree = false;
    for (let j = 0; j < m; j++) {
      const v = matrix.votes[r * m + j]!;
      if (v === ABSTAIN) continue;
      voters++;
      if (first === ABSTAIN) first = v;
      else if (v !== first) disagree = true;
    }
    if (voters > 0) covered++;
    if (voters > 1) overlapRows++;
    if (disagree) conflictRows++;
    const truth = gold?.[r] ?? -1;
    for (let j = 0; j < m; j++) {
      const v = matrix.votes[r * m + j]!;
      if (v === ABSTAIN) continue;
      votedOn[j]!++;
      polarity[j]!.add(v);
      if (voters > 1) overlapped[j]!++;
      if (disagree && hasOtherVote(matrix.votes, r, m, j, v)) conflicted[j]!++;
      if (truth >= 0) (truth === v ? correct : incorrect)[j]!++;
    }
  }
  const share = (count: number) => (n === 0 ? 0 : count / n);
  return {
    coverage: share(covered),
    overlaps: share(overlapRows),
    conflicts: share(conflictRows),
    functions: matrix.labelingFunctions.map((name, j) => {
      const labelled = correct[j]! + incorrect[j]!;
      return {
        name,
        polarity: [...polarity[j]!].sort((a, b) => a - b).map((k) => matrix.classes[k]!),
        coverage: share(votedOn[j]!),
        overlaps: share(overlapped[j]!),
        conflicts: share(conflicted[j]!),
        ...(gold === undefined
          ? {}
          : {
              correct: correct[j]!,
              incorrect: incorrect[j]!,
              ...(labelled === 0 ? {} : { empiricalAccuracy: correct[j]! / labelled }),
            }),
      };
    }),
  };
}

function hasOtherVote(votes: Int32Array, r: number, m: number, j: number, v: number): boolean {
  for (let i = 0; i < m; i++) {
    const w = votes[r * m + i]!;
    if (i !== j && w !== ABSTAIN && w !== v) return true;
  }
  return false;
}

export interface ClassBalance {
  classes: { class: string; rows: number; share: number }[];
  /** Rows with no label (-1), left out of the shares. */
  unlabelled: number;
}

/** Rows per class among hard labels such as a label model's. */
export function classBalance(labels: Int32Array, classes: readonly string[]): ClassBalance {
  const counts = new Int32Array(classes.length);
  let unlabelled = 0;
  for (const k of labels) {
    if (k < 0) unlabelled++;
    else counts[k]!++;
  }
  const labelled = labels.length - unlabelled;
  return {
    classes: classes.map((name, k) => ({ class: name, rows: counts[k]!, share: labelled === 0 ? 0 : counts[k]! / labelled })),
    unlabelled,
  };
}
