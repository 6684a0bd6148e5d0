/** Marks a labeling function that did not vote on a row. */
export const ABSTAIN = -1;

/**
 * Votes of every labeling function on every row: votes[row * functions + j] is a class
 * index into `classes`, or ABSTAIN. Same shape as the LabelMatrix port value.
 */
export interface LabelMatrix {
  labelingFunctions: string[];
  classes: string[];
  votes: Int32Array;
  rowCount: number;
}

export function checkLabelMatrix(matrix: LabelMatrix): void {
  const m = matrix.labelingFunctions.length;
  if (matrix.votes.length !== matrix.rowCount * m) {
    throw new Error(`Label matrix has ${matrix.votes.length} votes; expected ${matrix.rowCount} rows × ${m} functions`);
  }
  if (matrix.classes.length < 2) throw new Error("A label matrix needs at least 2 classes");
  for (let i = 0; i < matrix.votes.length; i++) {
    const v = matrix.votes[i]!;
    if (v !== ABSTAIN && (v < 0 || v >= matrix.classes.length || !Number.isInteger(v))) {
      throw new Error(`Label matrix vote ${v} at row ${Math.floor(i / m)} is not a class index or ${ABSTAIN}`);
    }
  }
}
