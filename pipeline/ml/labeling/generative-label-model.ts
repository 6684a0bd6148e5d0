import { z } from "zod";
import { ABSTAIN, checkLabelMatrix, type LabelMatrix } from "./label-matrix";
import type { ProbabilisticLabels } from "./probabilistic-labels";

export const labelModelParamsSchema = z.object({
  maxIterations: z.number().int().min(1).max(10_000).default(500).describe("EM iterations at most"),
  tolerance: z.number().min(0).max(0.1).default(1e-6).describe("Stop when no accuracy or prior moves by more than this"),
  initialAccuracy: z.number().min(0.5).max(0.99).default(0.7).describe("Starting accuracy of every function (above 0.5 picks the non-flipped solution)"),
  learnClassPriors: z.boolean().default(true).describe("Learn class balance from the votes; off keeps it uniform (or classPriors)"),
  classPriors: z.array(z.number().positive()).optional().describe("Fixed class balance, one weight per class"),
});
export type LabelModelParams = z.input<typeof labelModelParamsSchema>;

export const fittedLabelModelSchema = z.object({
  kind: z.literal("generative-label-model"),
  classes: z.array(z.string()),
  labelingFunctions: z.array(z.string()),
  /** P(function votes the true class | it votes), per function. */
  accuracies: z.array(z.number()),
  classPriors: z.array(z.number()),
  iterations: z.number().int(),
});
export type FittedLabelModel = z.infer<typeof fittedLabelModelSchema>;

/**
 * Pseudo-counts (one right, one wrong vote) on each accuracy: keeps a function that
 * fires on a handful of rows away from exactly 0 or 1, where a single vote would
 * overrule every other function.
 */
const ACCURACY_PSEUDO_COUNT = 1;
const ACCURACY_BOUNDS = [0.01, 0.99] as const;

/**
 * A generative label model in the spirit of Snorkel's, fitted by EM without gold labels.
 * The true class y of a row is latent with prior π; given y, functions vote
 * independently of each other; a function that votes is right with probability a_j
 * and otherwise picks one of the K−1 wrong classes uniformly; whether it abstains does
 * not depend on y (so abstains drop out of the posterior). E-step: the posterior over y
 * per row; M-step: a_j = expected share of its votes that are right, π = mean
 * posterior. Agreement between functions is what identifies the accuracies: three or
 * more functions with overlapping coverage and better-than-chance accuracy are needed.
 */
export function fitLabelModel(matrix: LabelMatrix, paramsInput: LabelModelParams = {}): FittedLabelModel {
  checkLabelMatrix(matrix);
  const params = labelModelParamsSchema.parse(paramsInput);
  const n = matrix.rowCount;
  const m = matrix.labelingFunctions.length;
  const K = matrix.classes.length;
  if (params.classPriors !== undefined && params.classPriors.length !== K) {
    throw new Error(`classPriors has ${params.classPriors.length} weights; there are ${K} classes`);
  }
  const fixedPriors = params.classPriors ? normalize(params.classPriors) : new Array<number>(K).fill(1 / K);
  let model: FittedLabelModel = {
    kind: "generative-label-model",
    classes: [...matrix.classes],
    labelingFunctions: [...matrix.labelingFunctions],
    accuracies: new Array<number>(m).fill(params.initialAccuracy),
    classPriors: fixedPriors,
    iterations: 0,
  };
  const posterior = new Float64Array(n * K);

  for (let iteration = 1; iteration <= params.maxIterations; iteration++) {
    posteriorInto(model, matrix, posterior);
    const right = new Float64Array(m).fill(ACCURACY_PSEUDO_COUNT);
    const total = new Float64Array(m).fill(2 * ACCURACY_PSEUDO_COUNT);
    const classMass = new Float64Array(K);
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < K; k++) classMass[k]! += posterior[r * K + k]!;
      for (let j = 0; j < m; j++) {
        const v = matrix.votes[r * m + j]!;
        if (v === ABSTAIN) continue;
        right[j]! += posterior[r * K + v]!;
        total[j]! += 1;
      }
    }
    const accuracies = Array.from(right, (x, j) => clamp(x / total[j]!));
    const classPriors = params.learnClassPriors && params.classPriors === undefined && n > 0 ? normalize(Array.from(classMass)) : fixedPriors;
    const change = Math.max(
      ...accuracies.map((a, j) => Math.abs(a - model.accuracies[j]!)),
      ...classPriors.map((p, k) => Math.abs(p - model.classPriors[k]!)),
    );
    model = { ...model, accuracies, classPriors, iterations: iteration };
    if (change <= params.tolerance) break;
  }
  return model;
}

/** Posterior class probabilities for every row of a label matrix with the model's functions and classes. */
export function predictLabelModel(model: FittedLabelModel, matrix: LabelMatrix): ProbabilisticLabels {
  checkLabelMatrix(matrix);
  if (matrix.classes.join("\u0000") !== model.classes.join("\u0000")) {
    throw new Error(`The label matrix's classes (${matrix.classes.join(", ")}) differ from the label model's (${model.classes.join(", ")})`);
  }
  if (matrix.labelingFunctions.join("\u0000") !== model.labelingFunctions.join("\u0000")) {
    throw new Error("The label matrix's labeling functions differ from the ones the label model was fitted on");
  }
  const n = matrix.rowCount;
  const m = matrix.labelingFunctions.length;
  const K = model.classes.length;
  const probabilities = new Float64Array(n * K);
  posteriorInto(model, matrix, probabilities);
  const labels = new Int32Array(n).fill(-1);
  const covered = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < m; j++) if (matrix.votes[r * m + j] !== ABSTAIN) covered[r] = 1;
    if (covered[r] === 0) continue;
    let best = 0;
    for (let k = 1; k < K; k++) if (probabilities[r * K + k]! > probabilities[r * K + best]!) best = k;
    labels[r] = best;
  }
  return { classes: [...model.classes], probabilities, labels, covered };
}

function posteriorInto(model: FittedLabelModel, matrix: LabelMatrix, out: Float64Array): void {
  const n = matrix.rowCount;
  const m = matrix.labelingFunctions.length;
  const K = model.classes.length;
  const logRight = model.accuracies.map(Math.log);
  const logWrong = model.accuracies.map((a) => Math.log((1 - a) / (K - 1)));
  const logPrior = model.classPriors.map(Math.log);
  const scores = new Float64Array(K);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < K; k++) scores[k] = logPrior[k]!;
    for (let j = 0; j < m; j++) {
      const v = matrix.votes[r * m + j]!;
      if (v === ABSTAIN) continue;
      for (let k = 0; k < K; k++) scores[k]! += k === v ? logRight[j]! : logWrong[j]!;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, scores[k]!);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += out[r * K + k] = Math.exp(scores[k]! - max);
    for (let k = 0; k < K; k++) out[r * K + k]! /= sum;
  }
}

function clamp(a: number): number {
  return Math.min(ACCURACY_BOUNDS[1], Math.max(ACCURACY_BOUNDS[0], a));
}

function normalize(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}
