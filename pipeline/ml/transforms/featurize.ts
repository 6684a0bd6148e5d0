import { z } from "zod";
import { displayValue } from "../table/cell-text";
import { parseParams } from "../table/parse-params";
import { getColumn, isMissing, isNumeric, type Column, type Table } from "../table/table";
import { presentMean, presentValues } from "./column-set";
import { levelIndices, presentLevels } from "./encode";

export const featurizerParamsSchema = z.object({
  /** Label column; omit for unsupervised use. */
  target: z.string().min(1).optional(),
  /** Feature columns; default every non-text column except the target. */
  features: z.array(z.string().min(1)).optional(),
  /**
   * Default: classification for category / text / boolean targets and for integer
   * targets with at most 20 distinct values; regression otherwise.
   */
  task: z.enum(["classification", "regression"]).optional(),
});
export type FeaturizerParams = z.input<typeof featurizerParamsSchema>;

const featureSchema = z.discriminatedUnion("encoding", [
  /** Numbers, booleans (0/1) and dates (epoch ms); a missing value becomes `fill` (the training mean). */
  z.object({ column: z.string(), encoding: z.literal("numeric"), fill: z.number() }),
  /** One 0/1 feature per training level; missing or unseen values are all zeros. */
  z.object({ column: z.string(), encoding: z.literal("onehot"), levels: z.array(z.string()) }),
]);

export const featurizerStateSchema = z.object({
  kind: z.literal("featurize"),
  target: z
    .discriminatedUnion("task", [
      z.object({ column: z.string(), task: z.literal("classification"), classes: z.array(z.string()) }),
      z.object({ column: z.string(), task: z.literal("regression") }),
    ])
    .optional(),
  features: z.array(featureSchema),
  featureNames: z.array(z.string()),
});
export type FeaturizerState = z.infer<typeof featurizerStateSchema>;

/** What models consume: a dense row-major float matrix plus labels. */
export interface Features {
  X: { data: Float32Array; rows: number; cols: number };
  featureNames: string[];
  /** Class index per row (classification, -1 for a class not seen in training) or the value (regression). */
  y?: Int32Array | Float64Array;
  /** Class labels, y's index order (classification only, present even without a target column). */
  classes?: string[];
  /** Source table row of each X row: rows whose target is missing are left out. */
  rowIndices: Int32Array;
}

const MAX_CLASSES_FOR_INTEGER_TARGET = 20;

/**
 * Learns how to turn a table into a feature matrix: numeric columns with their
 * training mean (for imputation), category columns with their levels (one-hot),
 * and the target's classes. Text columns are never features: text models
 * tokenize them separately; naming one in `features` is an error.
 */
export function fitFeaturizer(table: Table, params: FeaturizerParams): FeaturizerState {
  const p = parseParams(featurizerParamsSchema, params, "featurizer parameters");
  const targetColumn = p.target === undefined ? undefined : getColumn(table, p.target);
  const names = p.features ?? table.columns.filter((c) => c.type !== "text" && c.name !== p.target).map((c) => c.name);

  const features: FeaturizerState["features"] = names.map((name) => {
    const column = getColumn(table, name);
    if (name === p.target) throw new Error(`Column "${name}" is the target; it cannot also be a feature.`);
    if (column.type === "text") {
      throw new Error(`Column "${name}" is text; text columns are not features here (use a text model, or cast it to category).`);
    }
    if (isNumeric(column)) {
      return { column: name, encoding: "numeric", fill: presentMean(column.values) ?? 0 };
    }
    return { column: name, encoding: "onehot", levels: presentLevels(column) };
  });
  const featureNames = features.flatMap((f) => (f.encoding === "numeric" ? [f.column] : f.levels.map((l) => `${f.column}=${l}`)));

  let target: FeaturizerState["target"];
  if (targetColumn) {
    const task = p.task ?? inferTask(targetColumn);
    if (task === "regression" && !isNumeric(targetColumn)) {
      throw new Error(`Column "${targetColumn.name}" is ${targetColumn.type}; regression needs a numeric target.`);
    }
    target = task === "regression" ? { column: targetColumn.name, task } : { column: targetColumn.name, task, classes: classesOf(targetColumn) };
  }
  return { kind: "featurize", ...(target ? { target } : {}), features, featureNames };
}

function inferTask(column: Column): "classification" | "regression" {
  if (!isNumeric(column) || column.type === "boolean") return "classification";
  if (column.type !== "integer") return "regression";
  return new Set(presentValues(column.values)).size <= MAX_CLASSES_FOR_INTEGER_TARGET ? "classification" : "regression";
}

/** Sorted class labels: numerically for numeric targets, by text otherwise. */
function classesOf(column: Column): string[] {
  if (!isNumeric(column)) return presentLevels(column);
  const values = [...new Set(presentValues(column.values))].sort((a, b) => a - b);
  const labels = new Map<number, string>();
  column.values.forEach((v, r) => {
    if (!Number.isNaN(v) && !labels.has(v)) labels.set(v, displayValue(column, r));
  });
  return values.map((v) => labels.get(v)!);
}

/**
 * Builds the feature matrix for any table with the fitted columns (training,
 * test, or rows sent to a deployed model). When the table has the target
 * column, rows with a missing target are left out and `y` is filled; without it
 * (prediction time) every row is kept and there is no `y`.
 */
export function featurize(state: FeaturizerState, table: Table): Features {
  const s = parseParams(featurizerStateSchema, state, "featurizer state");
  const targetColumn = s.target && table.columns.some((c) => c.name === s.target!.column) ? getColumn(table, s.target.column) : undefined;
  const rowIndices = targetColumn ? presentRows(targetColumn, table.rowCount) : Int32Array.from({ length: table.rowCount }, (_, r) => r);
  const n = rowIndices.length;
  const cols = s.featureNames.length;
  const data = new Float32Array(n * cols);

  let offset = 0;
  for (const feature of s.features) {
    const column = getColumn(table, feature.column);
    if (feature.encoding === "numeric") {
      if (!isNumeric(column)) throw new Error(`Column "${column.name}" is ${column.type}; the model expects a numeric column.`);
      for (let i = 0; i < n; i++) {
        const v = column.values[rowIndices[i]!]!;
        data[i * cols + offset] = Number.isNaN(v) ? feature.fill : v;
      }
      offset += 1;
    } else {
      if (isNumeric(column)) throw new Error(`Column "${column.name}" is ${column.type}; the model expects a category column.`);
      const indices = levelIndices(column, feature.levels);
      for (let i = 0; i < n; i++) {
        const k = indices[rowIndices[i]!]!;
        if (k >= 0) data[i * cols + offset + k] = 1;
      }
      offset += feature.levels.length;
    }
  }

  const features: Features = { X: { data, rows: n, cols }, featureNames: s.featureNames, rowIndices };
  if (s.target?.task === "classification") features.classes = s.target.classes;
  if (targetColumn && s.target) {
    if (s.target.task === "regression") {
      if (!isNumeric(targetColumn)) throw new Error(`Column "${targetColumn.name}" is ${targetColumn.type}; regression needs a numeric target.`);
      features.y = Float64Array.from(rowIndices, (r) => targetColumn.values[r]!);
    } else {
      features.y = classIndices(targetColumn, rowIndices, s.target.classes);
    }
  }
  return features;
}

/** The rows whose `column` cell is present, ascending. */
function presentRows(column: Column, rowCount: number): Int32Array {
  const rows = new Int32Array(rowCount);
  let n = 0;
  for (let r = 0; r < rowCount; r++) if (!isMissing(column, r)) rows[n++] = r;
  return n === rowCount ? rows : rows.slice(0, n);
}

/**
 * Each row's class index by its display text (-1 for a class not seen in training). The text is
 * built once per level or distinct value, not per row: a million rows of 0/1 labels are two.
 */
function classIndices(column: Column, rows: Int32Array, classes: readonly string[]): Int32Array {
  const index = new Map(classes.map((label, k) => [label, k]));
  const y = new Int32Array(rows.length);
  if (column.type === "category") {
    const byCode = Int32Array.from(column.levels, (level) => index.get(level) ?? -1);
    for (let i = 0; i < rows.length; i++) y[i] = byCode[column.codes[rows[i]!]!]!;
    return y;
  }
  // Equal values display alike (a Map holds -0 and 0 as one key, and String(-0) is "0").
  const byValue = new Map<number | string | null, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const value = column.values[r]!;
    let k = byValue.get(value);
    if (k === undefined) {
      k = index.get(displayValue(column, r)) ?? -1;
      byValue.set(value, k);
    }
    y[i] = k;
  }
  return y;
}
