import { describe, expect, it } from "vitest";
import { SeededRandom } from "../models/random";
import type { Table } from "../table/table";
import { analyzeLabelMatrix, classBalance } from "./analysis";
import { applyLabelingFunctions } from "./apply-labeling-functions";
import { fitLabelModel, predictLabelModel } from "./generative-label-model";
import type { LabelMatrix } from "./label-matrix";
import { labelingFunctionsSchema } from "./labeling-function";
import { majorityVote } from "./majority-vote";
import { keptRows, type ProbabilisticLabels } from "./probabilistic-labels";

const table: Table = {
  rowCount: 5,
  columns: [
    { name: "review", type: "text", values: ["I LOVE it!", "Gloves were fine", "not good, a waste", null, "Love love love. Not bad"] },
    { name: "stars", type: "number", values: Float64Array.from([5, 3, 1, NaN, 4]) },
    { name: "shop", type: "category", codes: Int32Array.from([0, 1, 0, -1, 1]), levels: ["amazon", "ebay"] },
  ],
};
const classes = ["great", "other"];

describe("applyLabelingFunctions", () => {
  it("builds the label matrix from keyword, regex and threshold functions", async () => {
    const matrix = await applyLabelingFunctions(
      table,
      [
        { name: "love", kind: "keywords", column: "review", keywords: ["love"], label: "great" },
        { name: "not good + waste", kind: "keywords", column: "review", keywords: ["not good", "WASTE"], match: "all", label: "other" },
        { name: "negation", kind: "regex", column: "review", pattern: "\\bnot\\b", label: "other" },
        { name: "5 stars", kind: "threshold", column: "stars", op: ">=", value: 5, label: "great" },
        { name: "ebay", kind: "regex", column: "shop", pattern: "^ebay$", flags: "", label: "other" },
      ],
      { classes },
    );
    expect(matrix.labelingFunctions).toHaveLength(5);
    // "Gloves" does not contain the word "love"; missing cells abstain.
    expect(Array.from(matrix.votes)).toEqual([0, -1, -1, 0, -1, -1, -1, -1, -1, 1, -1, 1, 1, -1, -1, -1, -1, -1, -1, -1, 0, -1, 1, -1, 1]);
  });

  it("rejects bad lists with the function named", async () => {
    await expect(
      applyLabelingFunctions(table, [{ name: "x", kind: "keywords", column: "review", keywords: ["a"], label: "meh" }], { classes }),
    ).rejects.toThrow(/"x" votes for "meh", which is not one of the classes: great, other/);
    await expect(
      applyLabelingFunctions(table, [{ name: "x", kind: "threshold", column: "review", op: "<", value: 1, label: "great" }], { classes }),
    ).rejects.toThrow(/"review", which is text, not numeric/);
    await expect(applyLabelingFunctions(table, [{ name: "e", kind: "expression", expression: '"great"' }], { classes })).rejects.toThrow(
      /no expression sandbox/,
    );
    const duplicate = { name: "same", kind: "keywords", column: "review", keywords: ["a"], label: "great" } as const;
    expect(labelingFunctionsSchema.safeParse([duplicate, duplicate]).success).toBe(false);
    expect(labelingFunctionsSchema.safeParse(Array(51).fill(duplicate)).success).toBe(false);
    expect(labelingFunctionsSchema.safeParse([{ ...duplicate, kind: "regex", pattern: "(", label: "great" }]).success).toBe(false);
  });
});

// Rows × 3 functions, classes a/b/c.
const small: LabelMatrix = {
  labelingFunctions: ["f1", "f2", "f3"],
  classes: ["a", "b", "c"],
  rowCount: 5,
  votes: Int32Array.from([0, 0, 1, 2, -1, -1, 0, 1, -1, -1, -1, -1, 1, 1, 2]),
};

describe("majorityVote and analysis", () => {
  it("matches hand-computed votes, ties and coverage", () => {
    const mv = majorityVote(small);
    expect(Array.from(mv.labels)).toEqual([0, 2, -1, -1, 1]);
    expect(Array.from(mv.probabilities)).toEqual([1, 0, 0, 0, 0, 1, 0.5, 0.5, 0, 1 / 3, 1 / 3, 1 / 3, 0, 1, 0]);
    expect(Array.from(mv.covered)).toEqual([1, 1, 1, 0, 1]);
    expect(Array.from(keptRows(mv, "drop"))).toEqual([0, 1, 2, 4]);
    expect(classBalance(mv.labels, small.classes)).toEqual({
      classes: [
        { class: "a", rows: 1, share: 1 / 3 },
        { class: "b", rows: 1, share: 1 / 3 },
        { class: "c", rows: 1, share: 1 / 3 },
      ],
      unlabelled: 2,
    });
  });

  it("reports coverage, overlaps, conflicts and gold accuracy per function", () => {
    const summary = analyzeLabelMatrix(small, Int32Array.from([0, 2, 1, 0, -1]));
    expect(summary.coverage).toBe(4 / 5);
    expect(summary.overlaps).toBe(3 / 5);
    expect(summary.conflicts).toBe(3 / 5);
    expect(summary.functions[0]).toEqual({
      name: "f1",
      polarity: ["a", "b", "c"],
      coverage: 4 / 5,
      overlaps: 3 / 5,
      conflicts: 3 / 5,
      correct: 2,
      incorrect: 1,
      empiricalAccuracy: 2 / 3,
    });
    expect(summary.functions[2]).toEqual({
      name: "f3",
      polarity: ["b", "c"],
      coverage: 2 / 5,
      overlaps: 2 / 5,
      conflicts: 2 / 5,
      correct: 0,
      incorrect: 1,
      empiricalAccuracy: 0,
    });
  });
});

/** Votes drawn from the label model's own assumptions with known accuracies. */
function synthetic(accuracies: number[], coverage: number[], priors: number[], rows: number, seed: number) {
  const rng = new SeededRandom(seed);
  const K = priors.length;
  const m = accuracies.length;
  const truth = new Int32Array(rows);
  const votes = new Int32Array(rows * m).fill(-1);
  for (let r = 0; r < rows; r++) {
    let u = rng.next();
    let y = 0;
    while (y < K - 1 && u >= priors[y]!) u -= priors[y++]!;
    truth[r] = y;
    for (let j = 0; j < m; j++) {
      if (rng.next() >= coverage[j]!) continue;
      votes[r * m + j] = rng.next() < accuracies[j]! ? y : (y + 1 + rng.int(K - 1)) % K;
    }
  }
  const matrix: LabelMatrix = {
    labelingFunctions: accuracies.map((_, j) => `lf${j}`),
    classes: Array.from({ length: K }, (_, k) => `c${k}`),
    rowCount: rows,
    votes,
  };
  return { matrix, truth };
}

/** Accuracy on covered rows when ties are broken at random (a tied row counts 1 / #tied if the truth is among them). */
function accuracyOf(labels: ProbabilisticLabels, truth: Int32Array): number {
  const K = labels.classes.length;
  let credit = 0;
  let counted = 0;
  truth.forEach((y, r) => {
    if (labels.covered[r] === 0) return;
    counted++;
    const row = labels.probabilities.subarray(r * K, r * K + K);
    const best = Math.max(...row);
    const winners = row.filter((p) => p === best).length;
    if (row[y] === best) credit += 1 / winners;
  });
  return credit / counted;
}

describe("generative label model", () => {
  it("recovers known accuracies and priors without gold labels and beats majority vote", () => {
    const accuracies = [0.9, 0.85, 0.75, 0.7, 0.65, 0.6, 0.55];
    const coverage = [0.3, 0.5, 0.6, 0.7, 0.8, 0.6, 0.9];
    const { matrix, truth } = synthetic(accuracies, coverage, [0.6, 0.25, 0.15], 6000, 7);
    const model = fitLabelModel(matrix);
    model.accuracies.forEach((a, j) => expect(Math.abs(a - accuracies[j]!)).toBeLessThan(0.05));
    expect(model.classPriors[0]).toBeCloseTo(0.6, 1);
    expect(model.classPriors[2]).toBeCloseTo(0.15, 1);
    const lm = predictLabelModel(model, matrix);
    const mv = majorityVote(matrix);
    const lmAccuracy = accuracyOf(lm, truth);
    expect(lmAccuracy).toBeGreaterThan(accuracyOf(mv, truth));
    for (let r = 0; r < 10; r++) expect(lm.probabilities[r * 3]! + lm.probabilities[r * 3 + 1]! + lm.probabilities[r * 3 + 2]!).toBeCloseTo(1, 12);
  });

  it("gives uncovered rows the class priors and no hard label", () => {
    const model = fitLabelModel(small, { learnClassPriors: false, classPriors: [2, 1, 1] });
    const labels = predictLabelModel(model, small);
    expect(Array.from(labels.probabilities.slice(9, 12))).toEqual([0.5, 0.25, 0.25]);
    expect(labels.labels[3]).toBe(-1);
    expect(() => predictLabelModel(model, { ...small, classes: ["a", "b", "z"] })).toThrow(/classes/);
  });
});
