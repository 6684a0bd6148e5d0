import type { Targets } from "../types";
import { addColumnDots, addColumnDotsPair, BLOCK_ROWS } from "./column-blocks";
import type { LogisticQuery } from "./linear-messages";
import type { BlockSums } from "./row-parts";

/**
 * On tables of more blocks than this, the Hessian is summed over every ⌊blocks / this⌋-th block
 * (4 to 7 blocks, ~8,000–14,000 rows spread over the table) and scaled up. It is most of a Newton
 * step's cost; the estimate only slows convergence from quadratic to fast linear, and the exact
 * gradient keeps the optimum exact.
 */
const HESSIAN_SAMPLE_BLOCKS = 4;

/**
 * The unpenalised negative log-likelihood of scikit-learn's LogisticRegression on a dense matrix,
 * its gradient and (sampled) Hessian, summed over a range of row blocks. Parameters are laid out
 * per output: that output's `cols` weights, then its intercept. With two classes there is one
 * output (a sigmoid on class 1's logit); with more, one softmax output per class. Rows are
 * processed in column-major blocks so every sum over rows is a contiguous dot product.
 *
 * The sums are laid out as: the loss, the rows the Hessian was summed over, the gradient (size),
 * then, when asked for, the Hessian (size × size, upper triangle).
 */
export class LogisticSums implements BlockSums<LogisticQuery> {
  readonly outputs: number;
  readonly stride: number;
  readonly size: number;
  /** Every hessianEvery-th block (counted over the whole table) adds to the Hessian. */
  private readonly hessianEvery: number;
  /** outputs × BLOCK_ROWS: logits, then probabilities minus the one-hot label. */
  private readonly residuals: Float64Array;
  private readonly probabilities: Float64Array;
  /** Per-row Hessian weights of one pair of outputs, and those weights times one column. */
  private readonly weights = new Float64Array(BLOCK_ROWS);
  private readonly weighted = new Float64Array(BLOCK_ROWS);
  private readonly nextWeighted = new Float64Array(BLOCK_ROWS);

  constructor(
    /** X column-major (see toColumns). */
    private readonly columns: Float32Array,
    private readonly rows: number,
    private readonly cols: number,
    private readonly y: Targets,
    classes: number,
  ) {
    this.outputs = classes === 2 ? 1 : classes;
    this.stride = cols + 1;
    this.size = this.outputs * this.stride;
    this.hessianEvery = Math.max(1, Math.floor(Math.ceil(rows / BLOCK_ROWS) / HESSIAN_SAMPLE_BLOCKS));
    this.residuals = new Float64Array(this.outputs * BLOCK_ROWS);
    this.probabilities = new Float64Array(this.outputs * BLOCK_ROWS);
  }

  sizeOf({ hessian }: LogisticQuery): number {
    return 2 + this.size + (hessian ? this.size * this.size : 0);
  }

  sumBlocks(query: LogisticQuery, fromBlock: number, toBlock: number, out: Float64Array): void {
    const { rows, cols, size } = this;
    const m = this.stride;
    out.fill(0);
    const gradient = out.subarray(2, 2 + size);
    const hessian = query.hessian ? out.subarray(2 + size) : null;
    let loss = 0;
    let hessianRows = 0;
    for (let block = fromBlock; block < toBlock; block++) {
      const start = block * BLOCK_ROWS;
      const length = Math.min(rows, start + BLOCK_ROWS) - start;
      this.logits(query.theta, start, length);
      loss += this.lossAndResiduals(start, length);
      for (let k = 0; k < this.outputs; k++) {
        const residual = this.residuals.subarray(k * length, (k + 1) * length);
        addColumnDots(residual, this.columns, rows, start, 0, cols, length, gradient, k * m);
        let sum = 0;
        for (let r = 0; r < length; r++) sum += residual[r]!;
        gradient[k * m + cols]! += sum;
      }
      if (hessian && block % this.hessianEvery === 0) {
        this.addHessian(hessian, start, length);
        hessianRows += length;
      }
    }
    out[0] = loss;
    out[1] = hessianRows;
  }

  /** Logits of rows [start, start + length) under theta into `residuals` (output-major). */
  private logits(theta: Float64Array, start: number, length: number): void {
    const { cols, rows } = this;
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
    const { cols, rows } = this;
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
    const column = a * this.rows + start;
    let sum = 0;
    for (let r = 0; r < length; r++) {
      const v = weights[r]! * columns[column + r]!;
      out[r] = v;
      sum += v;
    }
    return sum;
  }
}
