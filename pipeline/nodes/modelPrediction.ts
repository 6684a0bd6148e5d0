import type { SerializedModel } from "../ml/models/types";
import type { Table } from "../ml/table/table";
import type { ModelArtifact } from "../spec/portValues";
import { applyPreprocessing, modelPreprocessingSchema, type ModelPreprocessing } from "./modelPreprocessing";
import { loadTrainer } from "./modelTrainers";

export interface ModelOutput {
  /** Source row of each prediction (rows with a missing target are skipped when scoring against it). */
  rowIndices: Int32Array;
  /** rows × classes probabilities, or one value per row for regression. */
  scores: Float32Array;
  /** Outputs per row: the class count, or 1. */
  width: number;
  /** True labels (class indices, -1 for a class unseen in training) when `withTarget` and the table has the target. */
  y?: Int32Array | Float64Array;
}

/**
 * Runs a Model artifact on raw rows: replays its fitted preprocessing, rebuilds the
 * model from its JSON and predicts. With `withTarget`, rows without a target value
 * are dropped and the true labels come back too (for evaluation).
 */
export async function predictWithModel(artifact: ModelArtifact, table: Table, withTarget: boolean): Promise<ModelOutput> {
  // Model artifacts arrive from stores and other machines: check the shape before trusting it.
  const parsed = modelPreprocessingSchema.safeParse(artifact.preprocessing);
  if (!parsed.success) throw new Error(`The ${artifact.modelKind} model's preprocessing is corrupt: ${parsed.error.issues[0]?.message}`);
  const preprocessing = parsed.data;
  const state: ModelPreprocessing = withTarget
    ? preprocessing
    : { ...preprocessing, featurizer: { ...preprocessing.featurizer, target: undefined } };
  const features = applyPreprocessing(state, table);
  const trainer = await loadTrainer(artifact.modelKind);
  const model = await trainer.fromJSON(artifact.model as SerializedModel);
  try {
    const scores = features.X.rows === 0 ? new Float32Array(0) : await model.predict(features.X);
    return {
      rowIndices: features.rowIndices,
      scores,
      width: artifact.task === "classification" ? artifact.classes.length : 1,
      ...(features.y === undefined ? {} : { y: features.y }),
    };
  } finally {
    model.dispose();
  }
}
