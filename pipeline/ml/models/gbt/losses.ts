import type { Targets, Task } from "../types";
import { NegLogSum } from "./neg-log-sum";

/**
 * A boosting loss over raw scores laid out rows × width (width = classes for softmax,
 * else 1). Gradients and hessians are with respect to the raw score.
 */
export interface BoostingLoss {
  width: number;
  /** Constant starting score per output, the loss minimiser for a model with no trees. */
  baseline(y: Targets, rows: Int32Array): Float64Array;
  /**
   * Fills stats[k][r*2 .. r*2+1] with (gradient, hessian + countUnit) of every output k for rows
   * [from, to) (see GRADIENT_CHANNELS; every hessian here is in [0, 1]) and returns the summed loss
   * of the same scores: one pass for both (the round's progress report needs the loss after its
   * trees, which is where the next round's gradients start).
   */
  gradients(raw: Float64Array, y: Targets, stats: Float64Array[], from: number, to: number, countUnit: number): number;
  /** Mean loss over the listed rows. */
  loss(raw: Float64Array, y: Targets, rows: Int32Array): number;
  /** Converts raw scores into what predict returns: probabilities rows × classes, or values. */
  transform(raw: Float64Array, rows: number): Float32Array;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const binaryLogLoss: BoostingLoss = {
  width: 1,
  baseline(y, rows) {
    let positives = 0;
    for (const r of rows) positives += y[r]!;
    const p = Math.min(1 - 1e-6, Math.max(1e-6, positives / rows.length));
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(raw, y, [stats], from, to, countUnit) {
    const loss = new NegLogSum();
    for (let r = from; r < to; r++) {
      const p = sigmoid(raw[r]!);
      const t = y[r]!;
      stats![r * 2] = p - t;
      stats![r * 2 + 1] = p * (1 - p) + countUnit;
      // The true class's probability, without a branch on a label that is either at random.
      loss.add(t * p + (1 - t) * (1 - p));
    }
    return loss.sum();
  },
  loss(raw, y, rows) {
    const loss = new NegLogSum();
    for (const r of rows) {
      const p = sigmoid(raw[r]!);
      const t = y[r]!;
      loss.add(t * p + (1 - t) * (1 - p));
    }
    return loss.sum() / rows.length;
  },
  transform(raw, rows) {
    const out = new Float32Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      const p = sigmoid(raw[r]!);
      out[r * 2] = 1 - p;
      out[r * 2 + 1] = p;
    }
    return out;
  },
};

function softmaxRow(raw: Float64Array, offset: number, width: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < width; k++) max = Math.max(max, raw[offset + k]!);
  let sum = 0;
  for (let k = 0; k < width; k++) {
    out[k] = Math.exp(raw[offset + k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < width; k++) out[k]! /= sum;
}

function softmaxLoss(classes: number): BoostingLoss {
  const p = new Float64Array(classes);
  return {
    width: classes,
    baseline(y, rows) {
      const counts = new Float64Array(classes);
      for (const r of rows) counts[y[r]!]!++;
      return counts.map((c) => Math.log(Math.max(c, 1) / rows.length));
    },
    gradients(raw, y, stats, from, to, countUnit) {
      const loss = new NegLogSum();
      for (let r = from; r < to; r++) {
        softmaxRow(raw, r * classes, classes, p);
        for (let k = 0; k < classes; k++) {
          const pk = p[k]!;
          const out = stats[k]!;
          out[r * 2] = pk - (y[r] === k ? 1 : 0);
          out[r * 2 + 1] = pk * (1 - pk) + countUnit;
        }
        loss.add(p[y[r]!]!);
      }
      return loss.sum();
    },
    loss(raw, y, rows) {
      const loss = new NegLogSum();
      for (const r of rows) {
        softmaxRow(raw, r * classes, classes, p);
        loss.add(p[y[r]!]!);
      }
      return loss.sum() / rows.length;
    },
    transform(raw, rows) {
      const out = new Float32Array(rows * classes);
      for (let r = 0; r < rows; r++) {
        softmaxRow(raw, r * classes, classes, p);
        for (let k = 0; k < classes; k++) out[r * classes + k] = p[k]!;
      }
      return out;
    },
  };
}

/** Squared error halved, so gradient = prediction - target and hessian = 1. */
const squaredError: BoostingLoss = {
  width: 1,
  baseline(y, rows) {
    let sum = 0;
    for (const r of rows) sum += y[r]!;
    return Float64Array.of(sum / rows.length);
  },
  gradients(raw, y, [stats], from, to, countUnit) {
    let total = 0;
    for (let r = from; r < to; r++) {
      const residual = raw[r]! - y[r]!;
      stats![r * 2] = residual;
      stats![r * 2 + 1] = 1 + countUnit;
      total += residual ** 2;
    }
    return total;
  },
  loss(raw, y, rows) {
    let total = 0;
    for (const r of rows) total += (raw[r]! - y[r]!) ** 2;
    return total / rows.length;
  },
  transform(raw, rows) {
    return Float32Array.from(raw.subarray(0, rows));
  },
};

export function lossForTask(task: Task): BoostingLoss {
  if (task.kind === "regression") return squaredError;
  return task.classes === 2 ? binaryLogLoss : softmaxLoss(task.classes);
}

/**
 * Rows [from, to) of part `part` (0 or 1) of a round's gradients, which are taken in two parts
 * (one per thread where there are two) that depend only on the row count, so that the loss adds up
 * alike on one thread or two.
 */
export function gradientRows(rows: number, part: number): [from: number, to: number] {
  const middle = rows >>> 1;
  return part === 0 ? [0, middle] : [middle, rows];
}
