/**
 * Checks a whole Model artifact before it is stored or deployed: its envelope, its fitted
 * preprocessing, and the model itself (validate-model.ts) against what that preprocessing
 * produces, recursively for an ensemble's members and meta-learner. A model that passes loads
 * and predicts; one that does not is refused with the reason instead of failing later, at
 * predict time, on someone's request.
 */
import { z } from "zod";
import { COLUMN_TYPES } from "../ml/table/table";
import { checkSerializedModel, fail, InvalidModelError, parseOrFail } from "../ml/models/validate-model";
import type { Task } from "../ml/models/types";
import type { ModelArtifact } from "../spec/portValues";
import { ENSEMBLE_MODEL_KIND, ensembleStateSchema } from "./ensembleArtifact";
import { modelPreprocessingSchema, type ModelPreprocessing } from "./modelPreprocessing";

export { InvalidModelError };

/** Ensembles of ensembles are possible but shallow; this bounds the recursion on hostile input. */
const MAX_ENSEMBLE_DEPTH = 8;

const artifactSchema = z.object({
  modelKind: z.string().min(1),
  task: z.enum(["classification", "regression"]),
  target: z.string(),
  features: z.array(z.object({ name: z.string(), type: z.enum(COLUMN_TYPES) })),
  classes: z.array(z.string()),
  preprocessing: z.unknown(),
  model: z.unknown(),
  trainRows: z.number().int().min(0),
});

function taskOf(artifact: z.infer<typeof artifactSchema>): Task {
  return artifact.task === "classification" ? { kind: "classification", classes: artifact.classes.length } : { kind: "regression" };
}

/** How many columns the featurizer writes: one per numeric feature, one per level of a one-hot one. */
function featureCount(state: ModelPreprocessing): number {
  return state.featurizer.features.reduce((sum, f) => sum + (f.encoding === "numeric" ? 1 : f.levels.length), 0);
}

function checkPreprocessing(artifact: z.infer<typeof artifactSchema>, what: string): { inputs: number } {
  const state = parseOrFail(modelPreprocessingSchema, artifact.preprocessing, `${what} preprocessing`);
  const columns = new Set(artifact.features.map((f) => f.name));
  const typeOf = new Map(artifact.features.map((f) => [f.name, f.type]));
  // Requests are turned into a table of exactly the artifact's features, typed as listed; the featurizer may read no other column.
  for (const feature of state.featurizer.features) {
    if (!columns.has(feature.column)) fail(`${what} preprocessing reads column "${feature.column}", which is not among the model's features`);
    const categorical = typeOf.get(feature.column) === "category" || typeOf.get(feature.column) === "text";
    if (categorical === (feature.encoding === "numeric")) {
      fail(
        `${what} preprocessing encodes "${feature.column}" as ${feature.encoding === "numeric" ? "a number" : "categories"}, but the model's features list it as ${typeOf.get(feature.column)}`,
      );
    }
    if (feature.encoding === "numeric" && !Number.isFinite(feature.fill))
      fail(`${what} preprocessing fills "${feature.column}" with a value that is not a finite number`);
  }
  const count = featureCount(state);
  if (state.featurizer.featureNames.length !== count)
    fail(`${what} preprocessing names ${state.featurizer.featureNames.length} features but produces ${count}`);
  const target = state.featurizer.target;
  if (target !== undefined) {
    if (target.column !== artifact.target) fail(`${what} preprocessing predicts "${target.column}" but the model's target is "${artifact.target}"`);
    if (target.task !== artifact.task) fail(`${what} preprocessing is for ${target.task} but the model is ${artifact.task}`);
    if (target.task === "classification" && target.classes.join("\u0000") !== artifact.classes.join("\u0000"))
      fail(`${what} preprocessing and model list different classes`);
  }
  if (state.standardize !== null) {
    const { mean, std } = state.standardize;
    if (mean.length !== count || std.length !== count) fail(`${what} standardisation has ${mean.length} means and ${std.length} scales for ${count} features`);
    if (![...mean, ...std].every(Number.isFinite)) fail(`${what} standardisation has a value that is not a finite number`);
  }
  if (state.textColumn !== null) {
    if (!columns.has(state.textColumn)) fail(`${what} reads text column "${state.textColumn}", which is not among the model's features`);
    return { inputs: 1 };
  }
  return { inputs: count };
}

function checkEnsemble(artifact: z.infer<typeof artifactSchema>, depth: number): void {
  const state = parseOrFail(ensembleStateSchema, artifact.model, "Ensemble");
  if (state.weights.length !== state.members.length) fail(`The ensemble has ${state.weights.length} weights for ${state.members.length} members`);
  if (!state.weights.every(Number.isFinite) || state.weights.reduce((a, b) => a + b, 0) <= 0) fail("The ensemble's weights must be finite and not all 0");
  const columns = new Set(artifact.features.map((f) => f.name));
  let stackedWidth = 0;
  state.members.forEach((raw, i) => {
    const member = checkArtifact(raw, depth + 1, `Ensemble member ${i + 1}`);
    if (member.task !== artifact.task || member.classes.join("\u0000") !== artifact.classes.join("\u0000")) {
      fail(`Ensemble member ${i + 1} predicts a different task or label set than the ensemble`);
    }
    for (const feature of member.features)
      if (!columns.has(feature.name)) fail(`Ensemble member ${i + 1} reads "${feature.name}", which is not among the ensemble's features`);
    stackedWidth += artifact.task === "classification" ? artifact.classes.length : 1;
  });
  if (state.method === "stacking") {
    if (state.meta === undefined) fail("A stacking ensemble needs its meta-learner");
    try {
      checkSerializedModel(state.meta, { inputs: stackedWidth, task: taskOf(artifact) });
    } catch (error) {
      if (error instanceof InvalidModelError) fail(`The ensemble's meta-learner: ${error.message}`);
      throw error;
    }
  }
}

function checkArtifact(value: unknown, depth: number, what: string): z.infer<typeof artifactSchema> {
  if (depth > MAX_ENSEMBLE_DEPTH) fail(`Ensembles nest deeper than ${MAX_ENSEMBLE_DEPTH} levels`);
  const artifact = parseOrFail(artifactSchema, value, what);
  if (artifact.task === "classification") {
    if (artifact.classes.length < 2) fail(`${what} is a classifier with ${artifact.classes.length} classes; it needs at least 2`);
    if (new Set(artifact.classes).size !== artifact.classes.length) fail(`${what} lists a class twice`);
  } else if (artifact.classes.length > 0) {
    fail(`${what} is a regression model but lists classes`);
  }
  if (artifact.modelKind === ENSEMBLE_MODEL_KIND) {
    checkEnsemble(artifact, depth);
    return artifact;
  }
  const { inputs } = checkPreprocessing(artifact, what);
  try {
    checkSerializedModel(artifact.model, { inputs, task: taskOf(artifact) });
  } catch (error) {
    if (error instanceof InvalidModelError) fail(depth === 0 ? error.message : `${what}: ${error.message}`);
    throw error;
  }
  const kind = (artifact.model as { kind: string }).kind;
  if (kind !== artifact.modelKind) fail(`${what} says it is a ${artifact.modelKind} model but holds a ${kind} model`);
  return artifact;
}

/** Throws InvalidModelError with the reason when `value` is not a Model artifact that can predict. */
export function checkModelArtifact(value: unknown): asserts value is ModelArtifact {
  checkArtifact(value, 0, "The model");
}
