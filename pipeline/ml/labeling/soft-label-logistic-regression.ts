import { z } from "zod";
import { SeededRandom } from "../models/random";
import type { SparseRows } from "./tfidf";

export const softLogisticParamsSchema = z.object({
  epochs: z.number().int().min(1).max(500).default(30),
  learningRate: z.number().positive().default(0.5).describe("AdaGrad step size"),
  l2: z.number().min(0).default(1e-4).describe("L2 penalty per row on the weights"),
  seed: z.number().int().default(0),
});
export type SoftLogisticParams = z.input<typeof softLogisticParamsSchema>;

export interface SoftLogisticModel {
  classes: number;
  cols: number;
  /** cols × classes weights, then one bias per class. */
  weights: Float64Array;
  bias: Float64Array;
}

/**
 * Multinomial logistic regression on sparse rows, trained against probabilistic
 * targets (rows × classes, each row summing to 1) with cross-entropy: the loss a
 * noise-aware discriminative model minimises on a label model's output, so uncertain
 * rows pull less. Per-row AdaGrad SGD keeps sparse updates cheap.
 */
export function fitSoftLogistic(X: SparseRows, targets: Float64Array, classes: number, paramsInput: SoftLogisticParams = {}): SoftLogisticModel {
  const p = softLogisticParamsSchema.parse(paramsInput);
  if (targets.length !== X.rows * classes) throw new Error(`Targets have ${targets.length} values; expected ${X.rows} rows × ${classes} classes`);
  const K = classes;
  const weights = new Float64Array(X.cols * K);
  const bias = new Float64Array(K);
  const weightSquares = new Float64Array(X.cols * K).fill(1e-8);
  const biasSquares = new Float64Array(K).fill(1e-8);
  const rng = new SeededRandom(p.seed);
  const scores = new Float64Array(K);
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    for (const r of rng.shuffleInPlace(Int32Array.from({ length: X.rows }, (_, i) => i))) {
      scoresInto(X, r, weights, bias, K, scores);
      softmaxInPlace(scores);
      for (let k = 0; k < K; k++) {
        const g = scores[k]! - targets[r * K + k]!;
        biasSquares[k]! += g * g;
        bias[k]! -= (p.learningRate * g) / Math.sqrt(biasSquares[k]!);
        for (let e = X.offsets[r]!; e < X.offsets[r + 1]!; e++) {
          const i = X.indices[e]! * K + k;
          const gw = g * X.values[e]! + p.l2 * weights[i]!;
          weightSquares[i]! += gw * gw;
          weights[i]! -= (p.learningRate * gw) / Math.sqrt(weightSquares[i]!);
        }
      }
    }
  }
  return { classes: K, cols: X.cols, weights, bias };
}

/** rows × classes probabilities. */
export function predictSoftLogistic(model: SoftLogisticModel, X: SparseRows): Float64Array {
  if (X.cols !== model.cols) throw new Error(`Rows have ${X.cols} columns; the model expects ${model.cols}`);
  const K = model.classes;
  const out = new Float64Array(X.rows * K);
  const scores = new Float64Array(K);
  for (let r = 0; r < X.rows; r++) {
    scoresInto(X, r, model.weights, model.bias, K, scores);
    softmaxInPlace(scores);
    out.set(scores, r * K);
  }
  return out;
}

function scoresInto(X: SparseRows, r: number, weights: Float64Array, bias: Float64Array, K: number, out: Float64Array): void {
  out.set(bias);
  for (let e = X.offsets[r]!; e < X.offsets[r + 1]!; e++) {
    const base = X.indices[e]! * K;
    const v = X.values[e]!;
    for (let k = 0; k < K; k++) out[k]! += v * weights[base + k]!;
  }
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) sum += scores[k] = Math.exp(scores[k]! - max);
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
}
