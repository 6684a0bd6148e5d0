import { z } from "zod";
import { ABSTAIN, checkLabelMatrix, type LabelMatrix } from "./label-matrix";
import { majorityVote } from "./majority-vote";
import type { ProbabilisticLabels } from "./probabilistic-labels";

export const labelModelParamsSchema = z.object({
  maxIterations: z.number().int().min(1).max(10_000).default(500).describe("EM iterations at most"),
  tolerance: z.number().min(0).max(0.1).default(1e-6).describe("Stop when no probability moves by more than this"),
  learnClassPriors: z.boolean().default(true).describe("Learn class balance from the votes; off keeps it uniform (or classPriors)"),
  classPriors: z.array(z.number().positive()).optional().describe("Fixed class balance, one weight per class"),
  smoothing: z.number().min(0).max(100).default(0.1).describe("Pseudo-count added to every vote outcome of every function"),
});
export type LabelModelParams = z.input<typeof labelModelParamsSchema>;

export const fittedLabelModelSchema = z.object({
  kind: z.literal("generative-label-model"),
  classes: z.array(z.string()),
  labelingFunctions: z.array(z.string()),
  /**
   * Per function, a classes × (classes + 1) table: P(function outputs o | true class y),
   * row y, column o, the last column being abstain.
   */
  conditionals: z.array(z.array(z.array(z.number()))),
  classPriors: z.array(z.number()),
  /** P(true class = its vote | it votes), per function: the accuracy the model learned. */
  accuracies: z.array(z.number()),
  iterations: z.number().int(),
});
export type FittedLabelModel = z.infer<typeof fittedLabelModelSchema>;

/**
 * A generative label model in the spirit of Snorkel's, fitted by EM without gold labels
 * (the Dawid–Skene model). The true class y of a row is latent with prior π; given y,
 * functions vote independently of each other, function j outputting class o or
 * abstaining with probability θ_j[y][o]. Letting abstains depend on y matters: most
 * labeling functions only ever vote for one class, and how often such a function stays
 * silent is itself evidence (a model that treats abstains as uninformative collapses
 * onto the class with more functions). EM starts from the majority vote's soft labels
 * (which picks the non-flipped solution), then alternates posterior over y per row
 * (E) and smoothed counts for θ and π (M). Agreement between functions is what
 * identifies θ: three or more overlapping, better-than-chance functions are needed.
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
  const learnPriors = params.learnClassPriors && params.classPriors === undefined;
  const posterior = majorityVote(matrix).probabilities;
  let model = maximize(matrix, posterior, params.smoothing, learnPriors ? null : fixedPriors, 0);

  for (let iteration = 1; iteration <= params.maxIterations; iteration++) {
    posteriorInto(model, matrix, posterior);
    const next = maximize(matrix, posterior, params.smoothing, learnPriors ? null : fixedPriors, iteration);
    const change = Math.max(
      ...next.classPriors.map((p, k) => Math.abs(p - model.classPriors[k]!)),
      ...next.conditionals.flatMap((table, j) => table.flatMap((row, y) => row.map((p, o) => Math.abs(p - model.conditionals[j]![y]![o]!)))),
    );
    model = next;
    if (change <= params.tolerance) break;
  }
  return model;

  function maximize(matrix: LabelMatrix, posterior: Float64Array, smoothing: number, priors: number[] | null, iterations: number): FittedLabelModel {
    const counts = Array.from({ length: m }, () => Array.from({ length: K }, () => new Array<number>(K + 1).fill(smoothing)));
    const classMass = new Array<number>(K).fill(0);
    for (let r = 0; r < n; r++) {
      for (let y = 0; y < K; y++) {
        const q = posterior[r * K + y]!;
        classMass[y]! += q;
        for (let j = 0; j < m; j++) {
          const v = matrix.votes[r * m + j]!;
          counts[j]![y]![v === ABSTAIN ? K : v]! += q;
        }
      }
    }
    const conditionals = counts.map((table) => table.map((row) => normalize(row)));
    const classPriors = priors ?? (n > 0 ? normalize(classMass.map((x) => x + 1e-9)) : new Array<number>(K).fill(1 / K));
    const accuracies = conditionals.map((table) => {
      let right = 0;
      let voted = 0;
      for (let y = 0; y < K; y++) {
        right += classPriors[y]! * table[y]![y]!;
        voted += classPriors[y]! * (1 - table[y]![K]!);
      }
      return voted > 0 ? right / voted : 0;
    });
    return {
      kind: "generative-label-model",
      classes: [...matrix.classes],
      labelingFunctions: [...matrix.labelingFunctions],
      conditionals,
      classPriors,
      accuracies,
      iterations,
    };
  }
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
    if (covered[r] === 0) {
      // Silence is only evidence relative to other rows; an uncovered row gets the prior.
      probabilities.set(model.classPriors, r * K);
      continue;
    }
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
  const logConditionals = model.conditionals.map((table) => table.map((row) => row.map(Math.log)));
  const logPrior = model.classPriors.map(Math.log);
  const scores = new Float64Array(K);
  for (let r = 0; r < n; r++) {
    for (let y = 0; y < K; y++) scores[y] = logPrior[y]!;
    for (let j = 0; j < m; j++) {
      const v = matrix.votes[r * m + j]!;
      const o = v === ABSTAIN ? K : v;
      for (let y = 0; y < K; y++) scores[y]! += logConditionals[j]![y]![o]!;
    }
    let max = -Infinity;
    for (let y = 0; y < K; y++) max = Math.max(max, scores[y]!);
    let sum = 0;
    for (let y = 0; y < K; y++) sum += out[r * K + y] = Math.exp(scores[y]! - max);
    for (let y = 0; y < K; y++) out[r * K + y]! /= sum;
  }
}

function normalize(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}
