import { checkTrainingData } from "../check-training-data";
import type { Matrix, Targets } from "../types";
import { regularisedSolve } from "./cholesky";
import { addColumnDots, addColumnDotsPair, BLOCK_ROWS, loadColumnBlock } from "./column-blocks";
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
 */
export function fitRidge(X: Matrix, y: Targets, params: RidgeParams): LinearCoefficients {
  checkTrainingData(X, y, { kind: "regression" }, { allowMissing: false });
  const { rows, cols } = X;
  let yMean = 0;
  for (let r = 0; r < rows; r++) yMean += y[r]!;
  yMean /= rows;
  let yVariance = 0;
  for (let r = 0; r < rows; r++) yVariance += (y[r]! - yMean) ** 2;
  const yStd = Math.sqrt(yVariance / rows) || 1;

  // The raw cross products, centred afterwards: Σ(xa − x̄a)(xb − x̄b) = Σ xa·xb − n·x̄a·x̄b, and the
  // standardised target has mean 0, so Σ(xa − x̄a)·y = Σ xa·y.
  const gram = new Float64Array(cols * cols);
  const rhs = new Float64Array(cols);
  const sums = new Float64Array(cols);
  const block = new Float32Array(BLOCK_ROWS * cols);
  const column = new Float64Array(BLOCK_ROWS);
  const nextColumn = new Float64Array(BLOCK_ROWS);
  const target = new Float64Array(BLOCK_ROWS);
  const ones = new Float64Array(BLOCK_ROWS).fill(1);
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const length = Math.min(rows, start + BLOCK_ROWS) - start;
    loadColumnBlock(X, start, length, block);
    for (let r = 0; r < length; r++) target[r] = (y[start + r]! - yMean) / yStd;
    addColumnDots(target, block, length, 0, 0, cols, length, rhs, 0);
    addColumnDots(ones, block, length, 0, 0, cols, length, sums, 0);
    // Two rows of the triangle per sweep; row a + 1 also gets its (unread) lower-triangle entry at column a.
    for (let a = 0; a < cols; a += 2) {
      for (let r = 0; r < length; r++) column[r] = block[a * length + r]!;
      if (a + 1 === cols) {
        addColumnDots(column, block, length, 0, a, 1, length, gram, a * cols + a);
        break;
      }
      for (let r = 0; r < length; r++) nextColumn[r] = block[(a + 1) * length + r]!;
      addColumnDotsPair(column, nextColumn, block, length, 0, a, cols - a, length, gram, a * cols + a, (a + 1) * cols + a);
    }
  }
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
