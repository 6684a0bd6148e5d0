import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { holdoutSplit, takeRows, takeTargets } from "../ml/models/holdout";
import type { Matrix } from "../ml/models/types";
import { SeededRandom } from "../ml/models/random";
import { parseCsv } from "./parseCsv";

const DATASET_DIR = fileURLToPath(new URL("../../public/datasets/", import.meta.url));

export interface ClassificationData {
  X: Matrix;
  y: Int32Array;
  classNames: string[];
}

export interface TextData {
  texts: string[];
  y: Int32Array;
  classNames: string[];
}

function readRows(file: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parseCsv(readFileSync(DATASET_DIR + file, "utf8"));
  if (!header) throw new Error(`${file} is empty`);
  return { header, rows: rows.filter((r) => r.length === header.length) };
}

function encodeLabels(values: string[], classNames?: string[]): { y: Int32Array; classNames: string[] } {
  const names = classNames ?? [...new Set(values)].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  return { y: Int32Array.from(values, (v) => index.get(v) ?? -1), classNames: names };
}

/** Every column but the label parsed as a number; the label becomes a class index. */
export function loadNumericClassification(file: string, label: string): ClassificationData {
  const { header, rows } = readRows(file);
  const labelAt = header.indexOf(label);
  const featureCols = header.map((_, i) => i).filter((i) => i !== labelAt);
  const data = new Float32Array(rows.length * featureCols.length);
  rows.forEach((row, r) =>
    featureCols.forEach((c, j) => {
      data[r * featureCols.length + j] = row[c] === "" ? NaN : Number(row[c]);
    }),
  );
  return { X: { data, rows: rows.length, cols: featureCols.length }, ...encodeLabels(rows.map((row) => row[labelAt]!)) };
}

export function loadTextClassification(file: string, textColumn: string, label: string, classNames?: string[]): TextData {
  const { header, rows } = readRows(file);
  const textAt = header.indexOf(textColumn);
  const labelAt = header.indexOf(label);
  return {
    texts: rows.map((r) => r[textAt]!),
    ...encodeLabels(
      rows.map((r) => r[labelAt]!),
      classNames,
    ),
  };
}

export const loadIris = () => loadNumericClassification("iris.csv", "species");
export const loadBreastCancer = () => loadNumericClassification("breast_cancer.csv", "diagnosis");
export const loadDigits = () => loadNumericClassification("digits.csv", "digit");

export interface TrainTest {
  train: { X: Matrix; y: Int32Array };
  test: { X: Matrix; y: Int32Array };
}

/** Seeded, stratified 80/20 split. */
export function trainTestSplit(data: ClassificationData, seed = 7): TrainTest {
  const { fit, holdout } = holdoutSplit(data.y, { kind: "classification", classes: data.classNames.length }, 0.2, seed);
  return {
    train: { X: takeRows(data.X, fit), y: takeTargets(data.y, fit) },
    test: { X: takeRows(data.X, holdout), y: takeTargets(data.y, holdout) },
  };
}

/** z-scores both sides with the training columns' mean and standard deviation. */
export function standardize(split: TrainTest): TrainTest {
  const { rows, cols, data } = split.train.X;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c]! += data[r * cols + c]! / rows;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) std[c]! += (data[r * cols + c]! - mean[c]!) ** 2 / rows;
  const scale = (X: Matrix): Matrix => ({
    ...X,
    data: X.data.map((v, i) => (v - mean[i % cols]!) / (Math.sqrt(std[i % cols]!) || 1)),
  });
  return { train: { ...split.train, X: scale(split.train.X) }, test: { ...split.test, X: scale(split.test.X) } };
}

/**
 * Seeded stratified k-fold splits: every row is held out exactly once, so the mean accuracy
 * is a far steadier estimate than one 80/20 split on a few hundred rows.
 */
export function stratifiedFolds(data: ClassificationData, folds: number, seed = 7): TrainTest[] {
  const rng = new SeededRandom(seed);
  const foldOf = new Int32Array(data.y.length);
  for (let k = 0; k < data.classNames.length; k++) {
    const members = Int32Array.from(data.y.reduce<number[]>((acc, label, r) => (label === k ? [...acc, r] : acc), []));
    rng.shuffleInPlace(members).forEach((r, i) => (foldOf[r] = i % folds));
  }
  return Array.from({ length: folds }, (_, fold) => {
    const train = Int32Array.from(foldOf.keys()).filter((r) => foldOf[r] !== fold);
    const test = Int32Array.from(foldOf.keys()).filter((r) => foldOf[r] === fold);
    return {
      train: { X: takeRows(data.X, train), y: takeTargets(data.y, train) },
      test: { X: takeRows(data.X, test), y: takeTargets(data.y, test) },
    };
  });
}
