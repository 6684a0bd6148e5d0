import { checkTrainingData } from "../check-training-data";
import { createYielder } from "../cooperative";
import type { Matrix, Targets } from "../types";
import { regularisedSolve } from "./cholesky";
import { addColumnDots, addColumnDotsPair, BLOCK_ROWS, toColumns } from "./column-blocks";
import { dot, minimiseLbfgs, type Objective } from "./lbfgs";
import type { LogisticParams } from "./params";
import type { LinearCoefficients } from "./ridge";

/** Above this many parameters the Hessian (parameters² entries, rows × parameters² work per step) costs more than L-BFGS's extra steps. */
const NEWTON_MAX_PARAMETERS = 200;
/**
 * On tables of more blocks than this, the Hessian is summed over every ⌊blocks / this⌋-th block
 * (4 to 7 blocks, ~8,000–14,000 rows spread over the table) and scaled up. It is most of a Newton
 * step's cost; the estimate only slows convergence from quadratic to fast linear, and the exact
 * gradient keeps the optimum exact.
 */
const HESSIAN_SAMPLE_BLOCKS = 4;
/**
 * Newton stops when half its decrement gᵀH⁻¹g (the predicted objective decrease) is below this
 * times 1/C. H ≥ I/C, so the coefficients are then within √(2·1e-12) ≈ 1.4e-6 of the optimum.
 */
const NEWTON_DECREMENT_TOLERANCE = 1e-12;
/** Inside this decrement the full Newton step is taken without a line search (it is in the quadratic region, and objective differences are below rounding). */
const FULL_STEP_DECREMENT = 1e-6;
/** L-BFGS stops when every gradient entry of the summed loss is below this per row. */
const LBFGS_GRADIENT_TOLERANCE_PER_ROW = 1e-7;

/**
 * The penalised negative log-likelihood of scikit-learn's LogisticRegression on a dense matrix.
 * Parameters are laid out per output: that output's `cols` weights, then its intercept. With two
 * classes there is one output (a sigmoid on class 1's logit); with more, one softmax output per class.
 * Rows are processed in column-major blocks so every sum over rows is a contiguous dot product.
 */
class LogisticObjective {
  readonly outputs: number;
  readonly stride: number;
  readonly size: number;
  /** X column-major (see toColumns). */
  private readonly columns: Float32Array;
  /** outputs × BLOCK_ROWS: logits, then probabilities minus the one-hot label. */
  private readonly residuals: Float64Array;
  private readonly probabilities: Float64Array;
  /** Per-row Hessian weights of one pair of outputs, and those weights times one column. */
  private readonly weights: Float64Array;
  private readonly weighted: Float64Array;
  private readonly nextWeighted: Float64Array;

  constructor(
    private readonly X: Matrix,
    private readonly y: Targets,
    classes: number,
    readonly inverseC: number,
  ) {
    this.outputs = classes === 2 ? 1 : classes;
    this.stride = X.cols + 1;
    this.size = this.outputs * this.stride;
    this.columns = toColumns(X);
    this.residuals = new Float64Array(this.outputs * BLOCK_ROWS);
    this.probabilities = new Float64Array(this.outputs * BLOCK_ROWS);
    this.weights = new Float64Array(BLOCK_ROWS);
    this.weighted = new Float64Array(BLOCK_ROWS);
    this.nextWeighted = new Float64Array(BLOCK_ROWS);
  }

  private penalty(theta: Float64Array, gradient: Float64Array): number {
    let sum = 0;
    for (let k = 0; k < this.outputs; k++) {
      const base = k * this.stride;
      for (let j = 0; j < this.X.cols; j++) {
        const w = theta[base + j]!;
        sum += w * w;
        gradient[base + j]! += w * this.inverseC;
      }
    }
    return 0.5 * this.inverseC * sum;
  }

  /** Logits of rows [start, start + length) under theta into `residuals` (output-major). */
  private logits(theta: Float64Array, start: number, length: number): void {
    const { cols, rows } = this.X;
    const { columns, residuals } = this;
    for (let k = 0; k < this.outputs; k++) {
      const base = k * this.stride;
      const out = k * length;
      residuals.fill(theta[base + cols]!, out, out + length);
      // Four columns per sweep: a quarter of the loads and stores of the block's logits.
      let j = 0;
      for (; j + 4 <= cols; j += 4) {
        const w0 = theta[base + j]!;
        const w1 = theta[base + j + 1]!;
        const w2 = theta[base + j + 2]!;
        const w3 = theta[base + j + 3]!;
        if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0) continue;
        const c0 = j * rows + start;
        const c1 = c0 + rows;
        const c2 = c1 + rows;
        const c3 = c2 + rows;
        for (let r = 0; r < length; r++) residuals[out + r]! += w0 * columns[c0 + r]! + w1 * columns[c1 + r]! + w2 * columns[c2 + r]! + w3 * columns[c3 + r]!;
      }
      for (; j < cols; j++) {
        const w = theta[base + j]!;
        if (w === 0) continue;
        const column = j * rows + start;
        for (let r = 0; r < length; r++) residuals[out + r]! += w * columns[column + r]!;
      }
    }
  }

  /** Turns the block's logits into residuals p − y (and keeps p for the Hessian); returns the block's log-loss. */
  private lossAndResiduals(start: number, length: number): number {
    const { residuals, probabilities, y } = this;
    let loss = 0;
    if (this.outputs === 1) {
      for (let r = 0; r < length; r++) {
        const z = residuals[r]!;
        const positive = y[start + r] === 1;
        // log(1 + e^z) − y·z and the sigmoid from one exp(−|z|), which never overflows.
        const e = Math.exp(-Math.abs(z));
        loss += (z > 0 ? z : 0) + Math.log1p(e) - (positive ? z : 0);
        const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        probabilities[r] = p;
        residuals[r] = p - (positive ? 1 : 0);
      }
      return loss;
    }
    const K = this.outputs;
    for (let r = 0; r < length; r++) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, residuals[k * length + r]!);
      // Each exponential once: kept in `probabilities` until the sum is known.
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(residuals[k * length + r]! - max);
        probabilities[k * length + r] = e;
        sum += e;
      }
      const label = y[start + r]!;
      loss += max + Math.log(sum) - residuals[label * length + r]!;
      const inverse = 1 / sum;
      for (let k = 0; k < K; k++) {
        const p = probabilities[k * length + r]! * inverse;
        probabilities[k * length + r] = p;
        residuals[k * length + r] = p - (k === label ? 1 : 0);
      }
    }
    return loss;
  }

  /**
   * Block (k, l) of the Hessian is Σ_rows p_k(δ_kl − p_l)·x̃x̃ᵀ (x̃ = the row with a trailing 1; for the
   * binary sigmoid, p(1 − p)·x̃x̃ᵀ). Only the upper triangle is written: diagonal blocks' upper
   * triangles and whole off-diagonal blocks with k < l.
   */
  private addHessian(hessian: Float64Array, start: number, length: number): void {
    const { cols, rows } = this.X;
    const m = this.stride;
    const n = this.size;
    const { columns, probabilities, weights, weighted, nextWeighted } = this;
    for (let k = 0; k < this.outputs; k++) {
      for (let l = k; l < this.outputs; l++) {
        for (let r = 0; r < length; r++) {
          const pk = probabilities[k * length + r]!;
          weights[r] = this.outputs === 1 ? pk * (1 - pk) : pk * ((k === l ? 1 : 0) - probabilities[l * length + r]!);
        }
        const rowOf = (a: number) => (k * m + a) * n + l * m;
        // Two rows per sweep (see addColumnDotsPair); in a diagonal block row a + 1 also gets its unread lower-triangle entry.
        for (let a = 0; a < cols; a += 2) {
          const pair = a + 1 < cols;
          const sum = this.weightColumn(a, start, length, weighted);
          const nextSum = pair ? this.weightColumn(a + 1, start, length, nextWeighted) : 0;
          const first = k === l ? a : 0;
          if (pair)
            addColumnDotsPair(weighted, nextWeighted, columns, rows, start, first, cols - first, length, hessian, rowOf(a) + first, rowOf(a + 1) + first);
          else addColumnDots(weighted, columns, rows, start, first, cols - first, length, hessian, rowOf(a) + first);
          hessian[rowOf(a) + cols]! += sum;
          if (pair) hessian[rowOf(a + 1) + cols]! += nextSum;
          // In an off-diagonal block the intercept row's entries (k's intercept × l's weight a) are needed too.
          if (k !== l) {
            hessian[rowOf(cols) + a]! += sum;
            if (pair) hessian[rowOf(cols) + a + 1]! += nextSum;
          }
        }
        let total = 0;
        for (let r = 0; r < length; r++) total += weights[r]!;
        hessian[rowOf(cols) + cols]! += total;
      }
    }
  }

  /** weights ⊙ column a over the block's rows into `out`; returns their sum. */
  private weightColumn(a: number, start: number, length: number, out: Float64Array): number {
    const { weights, columns } = this;
    const column = a * this.X.rows + start;
    let sum = 0;
    for (let r = 0; r < length; r++) {
      const v = weights[r]! * columns[column + r]!;
      out[r] = v;
      sum += v;
    }
    return sum;
  }

  /**
   * The objective at theta, its gradient into `gradient`, and when `hessian` is given the Hessian
   * (size × size, upper triangle filled) in the same pass over the rows.
   */
  evaluate(theta: Float64Array, gradient: Float64Array, hessian: Float64Array | null): number {
    gradient.fill(0);
    hessian?.fill(0);
    const { rows, cols } = this.X;
    const m = this.stride;
    const n = this.size;
    let loss = 0;
    const blocks = Math.ceil(rows / BLOCK_ROWS);
    const hessianEvery = Math.max(1, Math.floor(blocks / HESSIAN_SAMPLE_BLOCKS));
    let hessianRows = 0;
    for (let index = 0; index < blocks; index++) {
      const start = index * BLOCK_ROWS;
      const end = Math.min(rows, start + BLOCK_ROWS);
      const length = end - start;
      this.logits(theta, start, length);
      loss += this.lossAndResiduals(start, length);
      for (let k = 0; k < this.outputs; k++) {
        const residual = this.residuals.subarray(k * length, (k + 1) * length);
        addColumnDots(residual, this.columns, rows, start, 0, cols, length, gradient, k * m);
        let sum = 0;
        for (let r = 0; r < length; r++) sum += residual[r]!;
        gradient[k * m + cols]! += sum;
      }
      if (hessian && index % hessianEvery === 0) {
        this.addHessian(hessian, start, length);
        hessianRows += length;
      }
    }
    if (hessian) {
      if (hessianRows < rows) for (let i = 0; i < hessian.length; i++) hessian[i]! *= rows / hessianRows;
      for (let k = 0; k < this.outputs; k++) for (let j = 0; j < cols; j++) hessian[(k * m + j) * (n + 1)]! += this.inverseC;
      // Adding one constant to every softmax intercept changes nothing, so H is singular along that direction. Adding 11ᵀ
      // over the intercepts fixes it without moving the optimum: the gradient is orthogonal to that direction, so every
      // step keeps the intercepts' sum at its starting 0.
      if (this.outputs > 1) {
        for (let k = 0; k < this.outputs; k++) for (let l = k; l < this.outputs; l++) hessian[(k * m + cols) * n + l * m + cols]! += 1;
      }
    }
    return loss + this.penalty(theta, gradient);
  }
}

/** Damped Newton: each step solves H δ = −g by Cholesky, with a backtracking line search until it is in the quadratic region. */
async function minimiseNewton(
  objective: LogisticObjective,
  start: Float64Array,
  maxIterations: number,
  pause: () => Promise<void>,
  onStep?: (step: number, value: number) => void,
): Promise<Float64Array> {
  const tolerance = NEWTON_DECREMENT_TOLERANCE * objective.inverseC;
  const n = objective.size;
  let theta = Float64Array.from(start);
  let gradient = new Float64Array(n);
  const hessian = new Float64Array(n * n);
  let value = objective.evaluate(theta, gradient, hessian);
  const candidateGradient = new Float64Array(n);
  const candidateHessian = new Float64Array(n * n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    await pause();
    const step = regularisedSolve(
      hessian,
      Float64Array.from(gradient, (g) => -g),
      n,
    );
    const decrement = -dot(gradient, step);
    if (decrement / 2 < tolerance) break;
    let t = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 40; halvings++) {
      const candidate = Float64Array.from(theta, (v, i) => v + t * step[i]!);
      // The candidate's Hessian comes from the same pass, so an accepted step costs one pass over the rows.
      const candidateValue = objective.evaluate(candidate, candidateGradient, candidateHessian);
      if (decrement < FULL_STEP_DECREMENT || candidateValue <= value - 1e-4 * t * decrement) {
        theta = candidate;
        value = candidateValue;
        onStep?.(iteration + 1, value);
        gradient = Float64Array.from(candidateGradient);
        hessian.set(candidateHessian);
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break;
  }
  return theta;
}

/**
 * Zero weights and the intercepts of the class frequencies (the optimum when no feature helps):
 * a start a step or two closer than all zeros. Softmax intercepts are centred (see addHessian).
 */
function priorStart(objective: LogisticObjective, y: Targets, classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (let r = 0; r < y.length; r++) counts[y[r]!]! += 1;
  // Half a row for absent classes keeps the logarithms finite.
  const logs = Array.from(counts, (count) => Math.log(Math.max(count, 0.5)));
  const start = new Float64Array(objective.size);
  const cols = objective.stride - 1;
  if (objective.outputs === 1) {
    start[cols] = logs[1]! - logs[0]!;
  } else {
    const mean = logs.reduce((a, b) => a + b, 0) / classes;
    for (let k = 0; k < classes; k++) start[k * objective.stride + cols] = logs[k]! - mean;
  }
  return start;
}

/**
 * Fits scikit-learn's L2 logistic regression exactly (to solver tolerance): binary with one
 * weight vector, multinomial with one per class. Features should be standardised (the model
 * node does this), which keeps both solvers well conditioned.
 */
export async function fitLogistic(
  X: Matrix,
  y: Targets,
  classes: number,
  params: LogisticParams,
  options: { signal?: AbortSignal; onStep?: (step: number, loss: number) => void } = {},
): Promise<LinearCoefficients> {
  checkTrainingData(X, y, { kind: "classification", classes }, { allowMissing: false });
  const objective = new LogisticObjective(X, y, classes, 1 / params.C);
  const pause = createYielder(options.signal);
  // Reported per row, so the figure reads like a mean log-loss whatever the table's size.
  const report = options.onStep;
  const onStep = report && ((step: number, value: number) => report(step, value / X.rows));
  const start = priorStart(objective, y, classes);
  const useNewton = params.solver === "newton" || (params.solver === "auto" && objective.size <= NEWTON_MAX_PARAMETERS);
  let theta: Float64Array;
  if (useNewton) {
    theta = await minimiseNewton(objective, start, params.maxIterations, pause, onStep);
  } else {
    const lbfgsObjective: Objective = (point, gradient) => objective.evaluate(point, gradient, null);
    theta = await minimiseLbfgs(lbfgsObjective, start, {
      maxIterations: params.maxIterations,
      gradientTolerance: LBFGS_GRADIENT_TOLERANCE_PER_ROW * X.rows,
      pause,
      ...(onStep === undefined ? {} : { onStep }),
    });
  }
  const { outputs, stride } = objective;
  const weights = new Float64Array(outputs * X.cols);
  const intercepts = new Float64Array(outputs);
  for (let k = 0; k < outputs; k++) {
    weights.set(theta.subarray(k * stride, k * stride + X.cols), k * X.cols);
    intercepts[k] = theta[k * stride + X.cols]!;
  }
  return { weights, intercepts };
}
