/** What a label model gives for each row of a label matrix. */
export interface ProbabilisticLabels {
  classes: string[];
  /** rows × classes, each row sums to 1; rows no function voted on get the class priors. */
  probabilities: Float64Array;
  /** Most probable class per row, or -1 where no function voted (or, for majority vote, a tie). */
  labels: Int32Array;
  /** 1 where at least one function voted on the row. */
  covered: Uint8Array;
}

/** Row indices to keep: every row, or only those some function voted on. */
export function keptRows(labels: ProbabilisticLabels, uncovered: "drop" | "keep"): Int32Array {
  const n = labels.covered.length;
  if (uncovered === "keep") return Int32Array.from({ length: n }, (_, r) => r);
  const rows: number[] = [];
  for (let r = 0; r < n; r++) if (labels.covered[r] === 1) rows.push(r);
  return Int32Array.from(rows);
}
