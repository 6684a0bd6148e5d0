import type { Table } from "../ml/table/table";
import type { ModelArtifact } from "../spec/portValues";
import { isEnsembleArtifact, predictEnsemble } from "./ensembleArtifact";
import { applyPreprocessing, modelPreprocessingSchema, type ModelPreprocessing } from "./modelPreprocessing";
import { transientModels, type ModelLoader } from "./modelLoaders";
import type { ModelOutput } from "./modelOutput";

/**
 * Runs a Model artifact on raw rows: replays its fitted preprocessing, rebuilds the
 * model from its JSON and predicts (an ensemble does this per member and combines). With `withTarget`, rows without a target value
 * are dropped and the true labels come back too (for evaluation).
 */
export async function predictWithModel(
  artifact: ModelArtifact,
  table: Table,
  withTarget: boolean,
  models: ModelLoader = transientModels,
): Promise<ModelOutput> {
  if (isEnsembleArtifact(artifact)) {
    return predictEnsemble(artifact, table, withTarget, (member, rows, target) => predictWithModel(member, rows, target, models));
  }
  // Model artifacts arrive from stores and other machines: check the shape before trusting it.
  const parsed = modelPreprocessingSchema.safeParse(artifact.preprocessing);
  if (!parsed.success) throw new Error(`The ${artifact.modelKind} model's preprocessing is corrupt: ${parsed.error.issues[0]?.message}`);
  const state: ModelPreprocessing = withTarget ? parsed.data : { ...parsed.data, featurizer: { ...parsed.data.featurizer, target: undefined } };
  const rows = applyPreprocessing(state, table);
  const loaded = await models.load(artifact.model);
  try {
    let scores: Float32Array = new Float32Array(0);
    if (rows.rowIndices.length > 0) {
      if (loaded.input === "text") {
        if (rows.texts === undefined) throw new Error("A text model's artifact names no text column");
        scores = await loaded.model.predict(rows.texts);
      } else {
        scores = await loaded.model.predict(rows.X);
      }
    }
    return {
      rowIndices: rows.rowIndices,
      scores,
      width: artifact.task === "classification" ? artifact.classes.length : 1,
      ...(rows.y === undefined ? {} : { y: rows.y }),
    };
  } finally {
    models.release(loaded);
  }
}
