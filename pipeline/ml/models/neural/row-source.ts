import type { Matrix } from "../types";

/**
 * Feature rows produced on demand, one batch at a time. A dense matrix copies rows; the
 * text vectoriser writes sparse TF-IDF rows, so a 20k-word vocabulary never has to exist
 * as a rows × vocabulary dense matrix.
 */
export interface RowSource {
  rows: number;
  cols: number;
  /** Writes rows[i] into out[i * cols ...]; out is zeroed by the caller. */
  fill(rows: ArrayLike<number>, out: Float32Array): void;
}

export function matrixRowSource(X: Matrix): RowSource {
  return {
    rows: X.rows,
    cols: X.cols,
    fill(rows, out) {
      for (let i = 0; i < rows.length; i++) {
        const from = rows[i]! * X.cols;
        out.set(X.data.subarray(from, from + X.cols), i * X.cols);
      }
    },
  };
}
