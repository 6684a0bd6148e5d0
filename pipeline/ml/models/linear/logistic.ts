import { checkTrainingData } from "../check-training-data";
import { createYielder } from "../cooperative";
import type { Matrix, Targets } from "../types";
import { regularisedSolve } from "./cholesky";
import { toColumns } from "./column-blocks";
import { dot, minimiseLbfgs, type Objective } from "./lbfgs";
import type { LogisticQuery } from "./linear-messages";
import type { LinearThreads } from "./linear-threads";
import { LogisticSums } from "./logistic-sums";
import { PartedSums } from "./parted-sums";
import type { LogisticParams } from "./params";
import type { LinearCoefficients } from "./ridge";

/** Above this many parameters the Hessian (parameters² entries, rows × parameters² work per step) costs more than L-BFGS's extra steps. */
const NEWTON_MAX_PARAMETERS = 200;
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
 * The penalised negative log-likelihood of scikit-learn's LogisticRegression: the sums over rows
 * (logistic-sums.ts), shared with the fit's helper threads when there are any, plus the L2 penalty.
 */
class LogisticObjective {
  readonly outputs: number;
  readonly stride: number;
  readonly size: number;

  constructor(
    private readonly sums: LogisticSums,
    private readonly parted: PartedSums<LogisticQuery>,
    private readonly rows: number,
    readonly inverseC: number,
  ) {
    this.outputs = sums.outputs;
    this.stride = sums.stride;
    this.size = sums.size;
  }

  private penalty(theta: Float64Array, gradient: Float64Array): number {
    const cols = this.stride - 1;
    let sum = 0;
    for (let k = 0; k < this.outputs; k++) {
      const base = k * this.stride;
      for (let j = 0; j < cols; j++) {
        const w = theta[base + j]!;
        sum += w * w;
        gradient[base + j]! += w * this.inverseC;
      }
    }
    return 0.5 * this.inverseC * sum;
  }

  /**
   * The objective at theta, its gradient into `gradient`, and when `hessian` is given the Hessian
   * (size × size, upper triangle filled) in the same pass over the rows.
   */
  async evaluate(theta: Float64Array, gradient: Float64Array, hessian: Float64Array | null): Promise<number> {
    const query = { theta, hessian: hessian !== null };
    const totals = new Float64Array(this.sums.sizeOf(query));
    await this.parted.sum(query, totals);
    const n = this.size;
    const cols = this.stride - 1;
    const m = this.stride;
    const loss = totals[0]!;
    const hessianRows = totals[1]!;
    gradient.set(totals.subarray(2, 2 + n));
    if (hessian) {
      hessian.set(totals.subarray(2 + n));
      if (hessianRows < this.rows) for (let i = 0; i < hessian.length; i++) hessian[i]! *= this.rows / hessianRows;
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
  let value = await objective.evaluate(theta, gradient, hessian);
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
      const candidateValue = await objective.evaluate(candidate, candidateGradient, candidateHessian);
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
  options: { signal?: AbortSignal; onStep?: (step: number, loss: number) => void; threads?: LinearThreads } = {},
): Promise<LinearCoefficients> {
  checkTrainingData(X, y, { kind: "classification", classes }, { allowMissing: false });
  const { rows, cols } = X;
  const columns = toColumns(X, options.threads?.allocate);
  const sums = new LogisticSums(columns, rows, cols, y, classes);
  const parted = new PartedSums(sums, rows, options.threads?.helpers ?? [], { type: "linear-init", columns, rows, cols, y, classes });
  const objective = new LogisticObjective(sums, parted, rows, 1 / params.C);
  const pause = createYielder(options.signal);
  // Reported per row, so the figure reads like a mean log-loss whatever the table's size.
  const report = options.onStep;
  const onStep = report && ((step: number, value: number) => report(step, value / X.rows));
  const start = priorStart(objective, y, classes);
  const useNewton = params.solver === "newton" || (params.solver === "auto" && objective.size <= NEWTON_MAX_PARAMETERS);
  const lbfgsObjective: Objective = (point, gradient) => objective.evaluate(point, gradient, null);
  const theta = await (
    useNewton
      ? minimiseNewton(objective, start, params.maxIterations, pause, onStep)
      : minimiseLbfgs(lbfgsObjective, start, {
          maxIterations: params.maxIterations,
          gradientTolerance: LBFGS_GRADIENT_TOLERANCE_PER_ROW * X.rows,
          pause,
          ...(onStep === undefined ? {} : { onStep }),
        })
  ).finally(() => parted.done());
  const { outputs, stride } = objective;
  const weights = new Float64Array(outputs * X.cols);
  const intercepts = new Float64Array(outputs);
  for (let k = 0; k < outputs; k++) {
    weights.set(theta.subarray(k * stride, k * stride + X.cols), k * X.cols);
    intercepts[k] = theta[k * stride + X.cols]!;
  }
  return { weights, intercepts };
}
