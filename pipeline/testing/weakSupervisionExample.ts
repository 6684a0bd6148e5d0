import { displayValue } from "../ml/table/cell-text";
import { getColumn, isMissing, type Table } from "../ml/table/table";
import { applyLabelingFunctions } from "../ml/labeling/apply-labeling-functions";
import { fitLabelModel, predictLabelModel, type LabelModelParams } from "../ml/labeling/generative-label-model";
import type { LabelingFunctionInput } from "../ml/labeling/labeling-function";
import { majorityVote } from "../ml/labeling/majority-vote";
import type { ProbabilisticLabels } from "../ml/labeling/probabilistic-labels";
import { fitSoftLogistic, predictSoftLogistic, type SoftLogisticParams } from "../ml/labeling/soft-label-logistic-regression";
import { fitTfidf, transformTfidf, type SparseRows } from "../ml/labeling/tfidf";

export interface WeakSupervisionSetup {
  train: Table;
  test: Table;
  textColumn: string;
  /** Gold labels of the test table; never read for training. */
  labelColumn: string;
  classes: string[];
  functions: LabelingFunctionInput[];
  classifier?: Omit<SoftLogisticParams, "seed">;
  /** One classifier is trained per seed; accuracies are averaged. */
  classifierSeeds?: number[];
  labelModel?: LabelModelParams;
}

export interface WeakSupervisionResult {
  /** Test accuracy of the TF-IDF classifier trained on each labeler's labels, averaged over the classifier seeds. */
  labelModelAccuracy: number;
  majorityVoteAccuracy: number;
  /** The same, one figure per classifier seed. */
  labelModelAccuracies: number[];
  majorityVoteAccuracies: number[];
  /** Share of test rows in the most frequent test class. */
  majorityClassAccuracy: number;
  /** Train rows each labeler gave a label (majority vote leaves ties unlabelled). */
  trainRowsLabelled: { labelModel: number; majorityVote: number };
  labelModel: ReturnType<typeof fitLabelModel>;
}

const DEFAULT_CLASSIFIER: SoftLogisticParams = { epochs: 10, l2: 1e-3 };
const DEFAULT_SEEDS = [0, 1, 2, 3, 4];

/**
 * The weak-supervision loop end to end, as the canvas pipeline runs it: labeling
 * functions vote on the unlabeled train texts, a labeler (generative label model or
 * majority vote) gives each row a label, rows it could not label (nobody voted, or a
 * majority-vote tie) are dropped, and a TF-IDF + logistic regression classifier learns
 * from those labels; only the test table's gold labels are read, to score it. Each
 * labeler's figure is the mean over several classifier seeds, because one seed's
 * shuffle moves test accuracy by about ±0.01 — as much as the labelers differ.
 */
export async function runWeakSupervisionExample(setup: WeakSupervisionSetup): Promise<WeakSupervisionResult> {
  const matrix = await applyLabelingFunctions(setup.train, setup.functions, { classes: setup.classes });
  const labelModel = fitLabelModel(matrix, setup.labelModel);
  const texts = textValues(setup.train, setup.textColumn);
  const vocabulary = fitTfidf(texts);
  const trainX = transformTfidf(vocabulary, texts);
  const testX = transformTfidf(vocabulary, textValues(setup.test, setup.textColumn));
  const gold = goldIndices(setup.test, setup.labelColumn, setup.classes);
  const K = setup.classes.length;
  const seeds = setup.classifierSeeds ?? DEFAULT_SEEDS;
  const scoresWith = (labels: ProbabilisticLabels): number[] => {
    const rows = labelledRows(labels);
    const targets = new Float64Array(rows.length * K);
    rows.forEach((r, i) => (targets[i * K + labels.labels[r]!] = 1));
    const X = selectRows(trainX, rows);
    return seeds.map((seed) => {
      const model = fitSoftLogistic(X, targets, K, { ...DEFAULT_CLASSIFIER, ...setup.classifier, seed });
      return accuracyOf(predictSoftLogistic(model, testX), gold, K);
    });
  };
  const counts = new Array<number>(K).fill(0);
  for (const k of gold) if (k >= 0) counts[k]!++;
  const labelModelLabels = predictLabelModel(labelModel, matrix);
  const majorityVoteLabels = majorityVote(matrix);
  const labelModelAccuracies = scoresWith(labelModelLabels);
  const majorityVoteAccuracies = scoresWith(majorityVoteLabels);
  return {
    labelModelAccuracy: mean(labelModelAccuracies),
    majorityVoteAccuracy: mean(majorityVoteAccuracies),
    labelModelAccuracies,
    majorityVoteAccuracies,
    majorityClassAccuracy: Math.max(...counts) / gold.length,
    trainRowsLabelled: { labelModel: labelledRows(labelModelLabels).length, majorityVote: labelledRows(majorityVoteLabels).length },
    labelModel,
  };
}

function labelledRows(labels: ProbabilisticLabels): Int32Array {
  return Int32Array.from(
    Array.from(labels.labels.entries())
      .filter(([, label]) => label >= 0)
      .map(([r]) => r),
  );
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function textValues(table: Table, name: string): (string | null)[] {
  const column = getColumn(table, name);
  return Array.from({ length: table.rowCount }, (_, r) => (isMissing(column, r) ? null : displayValue(column, r)));
}

function goldIndices(table: Table, name: string, classes: string[]): Int32Array {
  const column = getColumn(table, name);
  return Int32Array.from({ length: table.rowCount }, (_, r) => (isMissing(column, r) ? -1 : classes.indexOf(displayValue(column, r))));
}

function selectRows(X: SparseRows, rows: Int32Array): SparseRows {
  const offsets = new Int32Array(rows.length + 1);
  let nnz = 0;
  rows.forEach((r, i) => (offsets[i + 1] = nnz += X.offsets[r + 1]! - X.offsets[r]!));
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  rows.forEach((r, i) => {
    indices.set(X.indices.subarray(X.offsets[r]!, X.offsets[r + 1]!), offsets[i]!);
    values.set(X.values.subarray(X.offsets[r]!, X.offsets[r + 1]!), offsets[i]!);
  });
  return { rows: rows.length, cols: X.cols, offsets, indices, values };
}

function accuracyOf(probabilities: Float64Array, gold: Int32Array, K: number): number {
  let right = 0;
  gold.forEach((y, r) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (probabilities[r * K + k]! > probabilities[r * K + best]!) best = k;
    if (best === y) right++;
  });
  return right / gold.length;
}
