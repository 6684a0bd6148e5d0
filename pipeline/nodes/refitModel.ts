import type { Table } from "../ml/table/table";
import { takeRows } from "../ml/table/take-rows";
import type { ModelArtifact } from "../spec/portValues";
import { fitModelArtifact } from "./modelNode";
import { modelNodeByModelKind } from "./modelNodes";
import { modelPreprocessingSchema } from "../model/modelPreprocessing";

/**
 * Trains a fresh copy of a model on other rows with the same recipe: the same family,
 * hyperparameters, features (or text column), target and preprocessing. Stacking uses
 * it for out-of-fold predictions and bagging for bootstrap copies.
 */
export async function refitModel(artifact: ModelArtifact, train: Table, seed: number, signal: AbortSignal): Promise<ModelArtifact> {
  const node = modelNodeByModelKind(artifact.modelKind);
  if (node === undefined) throw new Error(`A ${artifact.modelKind} model cannot be retrained on resampled rows; connect single models`);
  const state = modelPreprocessingSchema.parse(artifact.preprocessing);
  const stored = artifact.model as { params?: unknown };
  const hyperparameters = typeof stored.params === "object" && stored.params !== null ? (stored.params as Record<string, unknown>) : {};
  const columns = state.textColumn === null ? { features: state.featurizer.features.map((f) => f.column) } : { textColumn: state.textColumn };
  // No validation part: early stopping, where a model uses it, carves its own from these rows.
  const empty = takeRows(train, []);
  const { artifact: refitted } = await fitModelArtifact(
    node.modelSpec,
    { ...hyperparameters, target: artifact.target, task: artifact.task, seed, ...columns },
    { train, valid: empty, test: empty },
    { seed, signal },
  );
  if (refitted.classes.join("\u0000") !== artifact.classes.join("\u0000")) {
    throw new Error(
      `Retrained on a subset of rows, the ${artifact.modelKind} model sees classes [${refitted.classes.join(", ")}] instead of [${artifact.classes.join(", ")}]; use fewer folds or more rows`,
    );
  }
  return refitted;
}
