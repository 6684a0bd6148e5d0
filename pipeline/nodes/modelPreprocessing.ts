import { z } from "zod";
import type { Table } from "../ml/table/table";
import { featurize, featurizerStateSchema, fitFeaturizer, type Features } from "../ml/transforms/featurize";

/**
 * Preprocessing a model carries inside its artifact: the fitted featurizer (mean
 * imputation, one-hot levels, target classes) and, for gradient-trained models,
 * per-feature standardisation learned on the train split. Predicting from raw rows
 * replays exactly this.
 */
export const modelPreprocessingSchema = z.object({
  featurizer: featurizerStateSchema,
  standardize: z.object({ mean: z.array(z.number()), std: z.array(z.number().positive()) }).nullable(),
});
export type ModelPreprocessing = z.infer<typeof modelPreprocessingSchema>;

export interface PreprocessingOptions {
  target: string;
  features?: string[];
  task?: "classification" | "regression";
  standardize: boolean;
}

export function fitPreprocessing(train: Table, options: PreprocessingOptions): { state: ModelPreprocessing; features: Features } {
  const featurizer = fitFeaturizer(train, {
    target: options.target,
    ...(options.features === undefined ? {} : { features: options.features }),
    ...(options.task === undefined ? {} : { task: options.task }),
  });
  const features = featurize(featurizer, train);
  const standardize = options.standardize ? columnMoments(features.X) : null;
  const state = { featurizer, standardize };
  if (standardize !== null) standardizeInPlace(features.X, standardize);
  return { state, features };
}

export function applyPreprocessing(state: ModelPreprocessing, table: Table): Features {
  const features = featurize(state.featurizer, table);
  if (state.standardize !== null) standardizeInPlace(features.X, state.standardize);
  return features;
}

function columnMoments(X: Features["X"]): { mean: number[]; std: number[] } {
  const mean = new Array<number>(X.cols).fill(0);
  const variance = new Array<number>(X.cols).fill(0);
  for (let r = 0; r < X.rows; r++) for (let c = 0; c < X.cols; c++) mean[c]! += X.data[r * X.cols + c]! / X.rows;
  for (let r = 0; r < X.rows; r++) {
    for (let c = 0; c < X.cols; c++) variance[c]! += (X.data[r * X.cols + c]! - mean[c]!) ** 2 / X.rows;
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
