/**
 * What running a Model artifact on rows gives back. Its own module so that the
 * ensemble (which combines members' outputs) and single-model prediction (which
 * delegates ensembles) can share it without importing each other.
 */
export interface ModelOutput {
  /** Source row of each prediction (rows with a missing target are skipped when scoring against it). */
  rowIndices: Int32Array;
  /** rows × classes probabilities, or one value per row for regression. */
  scores: Float32Array;
  /** Outputs per row: the class count, or 1. */
  width: number;
  /** True labels (class indices, -1 for a class unseen in training) when `withTarget` and the table has the target. */
  y?: Int32Array | Float64Array;
}
