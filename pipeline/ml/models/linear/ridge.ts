import { checkMatrix, checkTrainingData } from "../check-training-data";
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

/**
 * Exact ridge / least squares: the normal equations (XcᵀXc + αI) w = Xcᵀyc on the centred design,
 * solved by Cholesky. Centring leaves the intercept unpenalised, as in scikit-learn. The target is
 * standardised first so the system's right-hand side is O(1) whatever the target's units (prices
 * around 180,000 and fractions alike); the solution is linear in y, so scaling it back is exact.
 * With `threads`, the helpers read X where it is: X must be in shared memory.
 */
export async function fitRidge(X: Matrix, y: Targets, params: RidgeParams, threads?: LinearThreads): Promise<LinearCoefficients> {
  // The matrix's NaN / Infinity scan waits for the column sums, which are not finite exactly when a
  // column holds such a value (float32 values cannot overflow a float64 sum): one pass fewer.
  checkTrainingData(X, y, { kind: "regression" }, { allowMissing: true });
  const { rows, cols } = X;
  let yMean = 0;
  for (let r = 0; r < rows; r++) yMean += y[r]!;
  yMean /= rows;
  let yVariance = 0;
  for (let r = 0; r < rows; r++) yVariance += (y[r]! - yMean) ** 2;
  const yStd = Math.sqrt(yVariance / rows) || 1;

  // The raw cross products, centred afterwards: Σ(xa − x̄a)(xb − x̄b) = Σ xa·xb − n·x̄a·x̄b, and the
  // standardised target has mean 0, so Σ(xa − x̄a)·y = Σ xa·y.
  const values = y instanceof Float64Array ? y : Float64Array.from(y);
  const shared = threads ? new Float64Array(threads.allocate(values.byteLength)) : values;
  if (threads) shared.set(values);
  const local = new RidgeSums(X, values, yMean, yStd);
  const parted = new PartedSums(local, rows, threads?.helpers ?? [], { type: "ridge-init", data: X.data, rows, cols, y: shared, yMean, yStd });
  const all = new Float64Array(local.sizeOf());
  await parted.sum(null, all).finally(() => parted.done());
  const { width } = local;
  const gram = new Float64Array(cols * cols);
  for (let a = 0; a < cols; a++) gram.set(all.subarray(a * width + a, a * width + cols), a * cols + a);
  const sums = all.subarray(width * width, width * width + cols);
  const rhs = all.subarray(width * width + cols);
  if (!sums.every(Number.isFinite)) checkMatrix(X, false);
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
