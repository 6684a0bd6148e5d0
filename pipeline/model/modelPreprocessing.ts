import { z } from "zod";
import type { TextBatch } from "../ml/models/types";
import { getColumn, isMissing, type Table } from "../ml/table/table";
import { displayValue } from "../ml/table/cell-text";
import { featurize, featurizerStateSchema, fitFeaturizer, type Features, type FeaturizerState } from "../ml/transforms/featurize";

/**
 * Preprocessing a model carries inside its artifact: the fitted featurizer (mean
 * imputation, one-hot levels, target classes), per-feature standardisation learned
 * on the train split for gradient-trained models, and for text models the column
 * the text comes from. Predicting from raw rows replays exactly this.
 */
export const modelPreprocessingSchema = z.object({
  featurizer: featurizerStateSchema,
  standardize: z.object({ mean: z.array(z.number()), std: z.array(z.number().positive()) }).nullable(),
  textColumn: z.string().nullable(),
});
export type ModelPreprocessing = z.infer<typeof modelPreprocessingSchema>;

export interface PreprocessingOptions {
  target: string;
  features?: string[];
  task?: "classification" | "regression";
  standardize: boolean;
  /** With `standardize`, leave one-hot columns 0/1 and scale only numeric ones, as a scikit-learn StandardScaler + OneHotEncoder pipeline does. */
  numericOnly?: boolean;
  /** Text models read one text column instead of a feature matrix. */
  textColumn?: string;
}

/** Model-ready rows: the feature matrix (empty for text models), labels, and the texts for text models. */
export interface PreparedRows extends Features {
  texts?: TextBatch;
}

export function fitPreprocessing(train: Table, options: PreprocessingOptions): { state: ModelPreprocessing; rows: PreparedRows } {
  const features = options.textColumn === undefined ? options.features : [];
  const featurizer = fitFeaturizer(train, {
    target: options.target,
    ...(features === undefined ? {} : { features }),
    ...(options.task === undefined ? {} : { task: options.task }),
  });
  const prepared = featurize(featurizer, train);
  const standardize =
    options.standardize && options.textColumn === undefined ? columnMoments(prepared.X, scaledColumns(featurizer, options.numericOnly === true)) : null;
  const state: ModelPreprocessing = { featurizer, standardize, textColumn: options.textColumn ?? null };
  return { state, rows: finish(state, train, prepared) };
}

export function applyPreprocessing(state: ModelPreprocessing, table: Table): PreparedRows {
  return finish(state, table, featurize(state.featurizer, table));
}

function finish(state: ModelPreprocessing, table: Table, features: Features): PreparedRows {
  if (state.standardize !== null) standardizeInPlace(features.X, state.standardize);
  if (state.textColumn === null) return features;
  const column = getColumn(table, state.textColumn);
  const texts = Array.from(features.rowIndices, (row) => (isMissing(column, row) ? null : displayValue(column, row)));
  return { ...features, texts };
}

/** Per matrix column, whether it is standardised: every column, or only those of numeric features. */
function scaledColumns(featurizer: FeaturizerState, numericOnly: boolean): boolean[] {
  return featurizer.features.flatMap((feature) => (feature.encoding === "numeric" ? [true] : feature.levels.map(() => !numericOnly)));
}

/** Mean and std of the scaled columns; the others get mean 0 and std 1, which leaves them as they are. */
function columnMoments(X: Features["X"], scaled: boolean[]): { mean: number[]; std: number[] } {
  const mean = new Array<number>(X.cols).fill(0);
  const variance = new Array<number>(X.cols).fill(0);
  for (let r = 0; r < X.rows; r++) for (let c = 0; c < X.cols; c++) if (scaled[c]) mean[c]! += X.data[r * X.cols + c]! / X.rows;
  for (let r = 0; r < X.rows; r++) {
    for (let c = 0; c < X.cols; c++) if (scaled[c]) variance[c]! += (X.data[r * X.cols + c]! - mean[c]!) ** 2 / X.rows;
  }
  // A constant column keeps scale 1 so it maps to 0 instead of dividing by zero.
  return { mean, std: variance.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

function standardizeInPlace(X: Features["X"], moments: { mean: number[]; std: number[] }): void {
  for (let r = 0; r < X.rows; r++) {
    for (let c = 0; c < X.cols; c++) {
      const i = r * X.cols + c;
      X.data[i] = (X.data[i]! - moments.mean[c]!) / moments.std[c]!;
    }
  }
}
