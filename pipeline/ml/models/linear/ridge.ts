import { checkTrainingData } from "../check-training-data";
import type { BufferSource } from "../threads/model-threads";
import type { Matrix, Targets } from "../types";
import { regularisedSolve } from "./cholesky";
import type { LinearThreads } from "./linear-threads";
import { PartedSums } from "./parted-sums";
import { RidgeSums } from "./ridge-sums";
import type { RidgeParams } from "./params";

export interface LinearCoefficients {
  /** outputs × inputs, row-major. */
  weights: Float64Array;
  /** One per output. */
  intercepts: Float64Array;
}

/** X in memory the helper threads can read, unless it already is. */
function sharedCopy(X: Matrix, allocate: BufferSource): Matrix {
  if (X.data.buffer instanceof SharedArrayBuffer) return X;
  const data = new Float32Array(allocate(X.data.length * Float32Array.BYTES_PER_ELEMENT));
  data.set(X.data);
  return { data, rows: X.rows, cols: X.cols };
}

/**
 * Exact ridge / least squares: the normal equations (XcᵀXc + αI) w = Xcᵀyc on the centred design,
 * solved by Cholesky. Centring leaves the intercept unpenalised, as in scikit-learn. The target is
 * standardised first so the system's right-hand side is O(1) whatever the target's units (prices
 * around 180,000 and fractions alike); the solution is linear in y, so scaling it back is exact.
 */
export async function fitRidge(X: Matrix, y: Targets, params: RidgeParams, threads?: LinearThreads): Promise<LinearCoefficients> {
  checkTrainingData(X, y, { kind: "regression" }, { allowMissing: false });
  const { rows, cols } = X;
  let yMean = 0;
  for (let r = 0; r < rows; r++) yMean += y[r]!;
  yMean /= rows;
  let yVariance = 0;
  for (let r = 0; r < rows; r++) yVariance += (y[r]! - yMean) ** 2;
  const yStd = Math.sqrt(yVariance / rows) || 1;

  // The raw cross products, centred afterwards: Σ(xa − x̄a)(xb − x̄b) = Σ xa·xb − n·x̄a·x̄b, and the
  // standardised target has mean 0, so Σ(xa − x̄a)·y = Σ xa·y. A helper thread reads its rows from
  // shared memory: one copy of the table (a memcpy) instead of a message per row part.
  const target = new Float64Array(threads ? threads.allocate(rows * Float64Array.BYTES_PER_ELEMENT) : new ArrayBuffer(rows * Float64Array.BYTES_PER_ELEMENT));
  for (let r = 0; r < rows; r++) target[r] = (y[r]! - yMean) / yStd;
  const table = threads ? sharedCopy(X, threads.allocate) : X;
  const local = new RidgeSums(table, target);
  const parted = new PartedSums(local, rows, threads?.helpers ?? [], { type: "ridge-init", data: table.data, rows, cols, target });
  const all = new Float64Array(local.sizeOf());
  await parted.sum(null, all).finally(() => parted.done());
  const { width } = local;
  const gram = new Float64Array(cols * cols);
  for (let a = 0; a < cols; a++) gram.set(all.subarray(a * width + a, a * width + cols), a * cols + a);
  const sums = all.subarray(width * width, width * width + cols);
  const rhs = all.subarray(width * width + cols);
  const xMean = sums.map((sum) => sum / rows);
  for (let a = 0; a < cols; a++) for (let b = a; b < cols; b++) gram[a * cols + b]! -= rows * xMean[a]! * xMean[b]!;
  for (let a = 0; a < cols; a++) gram[a * cols + a]! += params.alpha;
  const standardised = regularisedSolve(gram, rhs, cols);

  const weights = new Float64Array(cols);
  let intercept = yMean;
  for (let c = 0; c < cols; c++) {
    weights[c] = standardised[c]! * yStd;
    intercept -= weights[c]! * xMean[c]!;
  }
  return { weights, intercepts: Float64Array.of(intercept) };
}
