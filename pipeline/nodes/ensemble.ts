import { z } from "zod";
import { checkSameLabelSets, stackOutputs } from "../ml/ensemble/ensemble-model";
import { SeededRandom } from "../ml/models/random";
import { getColumn, isMissing, isNumeric, type ColumnSchema, type Table } from "../ml/table/table";
import { displayValue } from "../ml/table/cell-text";
import { takeRows } from "../ml/table/take-rows";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode, type InferResult } from "../spec/nodeDefinition";
import type { ModelSignature } from "../spec/portTypes";
import type { ModelArtifact, PortValue } from "../spec/portValues";
import { ENSEMBLE_MODEL_KIND, type EnsembleState } from "../model/ensembleArtifact";
import { modelInput, splitInput } from "./inputs";
import { predictWithModel } from "../model/modelPrediction";
import { loadTrainer } from "../model/modelTrainers";
import { refitModel } from "./refitModel";

const MODEL_PORTS = ["model1", "model2", "model3", "model4"] as const;

const params = z.object({
  method: z
    .enum(["soft-voting", "hard-voting", "weighted-average", "stacking", "bagging"])
    .default("soft-voting")
    .describe("Voting / averaging combine the connected models; stacking learns how to combine them; bagging retrains model1 on bootstrap resamples"),
  weights: z.array(z.number().min(0)).optional().describe("weighted-average: one weight per connected model, in port order"),
  metaLearner: z
    .enum(["logistic_regression", "linear_regression", "gradient_boosting"])
    .default("logistic_regression")
    .describe("Stacking: the model that reads the members' outputs"),
  folds: z.number().int().min(2).max(10).default(5).describe("Stacking: folds for the out-of-fold predictions the meta-learner learns from"),
  estimators: z.number().int().min(2).max(100).default(10).describe("Bagging: copies of model1, each trained on a bootstrap resample of the train split"),
  seed: z.number().int().default(0),
});
type EnsembleParams = z.output<typeof params>;

function connectedModels(inputs: Record<string, PortValue | undefined>): ModelArtifact[] {
  return MODEL_PORTS.filter((port) => inputs[port] !== undefined).map((port) => modelInput(inputs, port));
}

function checkInputs(p: EnsembleParams, models: ModelSignature[], hasData: boolean): NodeIssue[] {
  const issues: NodeIssue[] = [];
  if (p.method !== "bagging" && models.length < 2)
    issues.push({ port: "model2", code: "missing-input", message: `${p.method} combines at least 2 models: connect model2` });
  if ((p.method === "stacking" || p.method === "bagging") && !hasData) {
    issues.push({ port: "data", code: "missing-input", message: `${p.method} retrains models on the train part: connect the Split` });
  }
  if (p.method === "weighted-average" && p.weights?.length !== models.length) {
    issues.push({ param: "weights", code: "invalid-param", message: `Give one weight per connected model (${models.length})` });
  }
  if (p.method === "weighted-average" && p.weights !== undefined && p.weights.every((w) => w === 0)) {
    issues.push({ param: "weights", code: "invalid-param", message: "The weights must not all be 0" });
  }
  const first = models[0];
  models.forEach((m, i) => {
    if (first === undefined || i === 0) return;
    if (m.task !== first.task)
      issues.push({ port: MODEL_PORTS[i], code: "invalid-param", message: `model${i + 1} is a ${m.task} model; model1 is ${first.task}` });
    if (m.target !== first.target)
      issues.push({ port: MODEL_PORTS[i], code: "invalid-param", message: `model${i + 1} predicts "${m.target}"; model1 predicts "${first.target}"` });
  });
  if (p.method === "stacking" && first !== undefined && first.task === "regression" && p.metaLearner === "logistic_regression") {
    issues.push({
      param: "metaLearner",
      code: "invalid-param",
      message: "Logistic regression cannot stack regression models; use linear_regression or gradient_boosting",
    });
  }
  return issues;
}

/** Target of every labelled row as the models encode it: class index or value. */
function targetValues(table: Table, artifact: ModelArtifact): Int32Array | Float64Array {
  const column = getColumn(table, artifact.target);
  if (artifact.task === "regression") {
    if (!isNumeric(column)) throw new Error(`The regression target "${artifact.target}" is ${column.type}, not numeric`);
    return Float64Array.from(column.values);
  }
  return Int32Array.from({ length: table.rowCount }, (_, r) => artifact.classes.indexOf(displayValue(column, r)));
}

/** Train rows with a target value the models know: the rows stacking and bagging resample. */
function labelledTrain(train: Table, artifact: ModelArtifact): Table {
  const column = getColumn(train, artifact.target);
  const rows: number[] = [];
  for (let r = 0; r < train.rowCount; r++) {
    if (isMissing(column, r)) continue;
    if (artifact.task === "classification" && !artifact.classes.includes(displayValue(column, r))) continue;
    rows.push(r);
  }
  if (rows.length === 0) throw new Error(`The train split has no rows with a value in "${artifact.target}"`);
  return takeRows(train, rows);
}

/**
 * Stacking: every member is retrained on k − 1 folds and predicts the held-out fold, so
 * the meta-learner learns how far to trust each member on rows it did not train on.
 * The members themselves stay as connected (trained on the whole train part).
 */
async function fitMetaLearner(p: EnsembleParams, members: ModelArtifact[], train: Table, signal: AbortSignal): Promise<unknown> {
  const first = members[0]!;
  const width = first.task === "classification" ? first.classes.length : 1;
  if (train.rowCount < p.folds) throw new Error(`Stacking with ${p.folds} folds needs at least ${p.folds} labelled train rows; there are ${train.rowCount}`);
  const rng = new SeededRandom(p.seed);
  const foldOf = new Int32Array(train.rowCount);
  rng.shuffleInPlace(Int32Array.from({ length: train.rowCount }, (_, i) => i)).forEach((row, i) => (foldOf[row] = i % p.folds));
  const outOfFold = members.map(() => new Float32Array(train.rowCount * width));
  for (let f = 0; f < p.folds; f++) {
    const all = Int32Array.from({ length: train.rowCount }, (_, r) => r);
    const fitRows = all.filter((r) => foldOf[r] !== f);
    const heldRows = all.filter((r) => foldOf[r] === f);
    const held = takeRows(train, heldRows);
    for (const [m, member] of members.entries()) {
      const copy = await refitModel(member, takeRows(train, fitRows), rng.seed(), signal);
      const predicted = await predictWithModel(copy, held, false);
      heldRows.forEach((r, i) => outOfFold[m]!.set(predicted.scores.subarray(i * width, (i + 1) * width), r * width));
    }
  }
  const trainer = await loadTrainer(p.metaLearner);
  if (trainer.input !== "matrix") throw new Error(`${p.metaLearner} cannot be a meta-learner`);
  const task = first.task === "classification" ? { kind: "classification" as const, classes: width } : { kind: "regression" as const };
  const meta = await trainer.fit(stackOutputs(outOfFold, train.rowCount), targetValues(train, first), task, {}, { seed: rng.seed(), signal });
  const json = meta.toJSON();
  meta.dispose();
  return json;
}

async function bag(p: EnsembleParams, base: ModelArtifact, train: Table, signal: AbortSignal): Promise<ModelArtifact[]> {
  const rng = new SeededRandom(p.seed);
  const members: ModelArtifact[] = [];
  for (let e = 0; e < p.estimators; e++) {
    const rows = Int32Array.from({ length: train.rowCount }, () => rng.int(train.rowCount));
    members.push(await refitModel(base, takeRows(train, rows), rng.seed(), signal));
  }
  return members;
}

/** Raw columns any member reads, each once. */
function unionFeatures(members: readonly { features: ColumnSchema[] }[]): ColumnSchema[] {
  const seen = new Map<string, ColumnSchema>();
  for (const m of members) for (const f of m.features) if (!seen.has(f.name)) seen.set(f.name, f);
  return [...seen.values()];
}

export const ensembleNode = defineNode({
  kind: "ensemble",
  version: 1,
  title: "Ensemble",
  description:
    "Combines models into one deployable model: hard or soft voting, weighted averaging, stacking (a meta-learner on out-of-fold predictions) or bagging of model1.",
  stage: "Ensemble",
  inputs: [
    ...MODEL_PORTS.map((name, i) => ({ name, type: "Model" as const, optional: i > 0 })),
    { name: "data", type: "Split", optional: true, description: "Stacking and bagging retrain on its train part" },
  ],
  outputs: [{ name: "model", type: "Model", description: "One model, every member's preprocessing included" }],
  params,
  inferSchema(p, context): InferResult {
    const models = MODEL_PORTS.flatMap((port) => {
      const schema = context.inputs[port];
      return schema?.type === "Model" ? [schema.model] : [];
    });
    const issues = checkInputs(p, models, context.inputs["data"] !== undefined);
    if (issues.length > 0) return { issues };
    const first = models[0]!;
    const features = unionFeatures(models);
    return { outputs: { model: { type: "Model", model: { ...first, modelKind: ENSEMBLE_MODEL_KIND, features } } } };
  },
  async run({ params: p, inputs, signal, log }) {
    const connected = connectedModels(inputs);
    checkSameLabelSets(connected.map((m) => m.classes));
    const first = connected[0]!;
    let state: EnsembleState;
    let trainRows = Math.max(...connected.map((m) => m.trainRows));
    if (p.method === "stacking" || p.method === "bagging") {
      const train = labelledTrain(splitInput(inputs, "data").train, first);
      trainRows = train.rowCount;
      if (p.method === "stacking") {
        const meta = await fitMetaLearner(p, connected, train, signal);
        state = { format: "vajra-ensemble/1", method: "stacking", combine: "soft", weights: connected.map(() => 1), members: connected, meta };
      } else {
        const members = await bag(p, first, train, signal);
        state = { format: "vajra-ensemble/1", method: "bagging", combine: "soft", weights: members.map(() => 1), members };
      }
    } else {
      const weights = p.method === "weighted-average" ? p.weights! : connected.map(() => 1);
      state = { format: "vajra-ensemble/1", method: "voting", combine: p.method === "hard-voting" ? "hard" : "soft", weights, members: connected };
    }
    log(`Ensemble (${p.method}) of ${state.members.length} models`);
    const artifact: ModelArtifact = {
      modelKind: ENSEMBLE_MODEL_KIND,
      task: first.task,
      target: first.target,
      features: unionFeatures(state.members),
      classes: first.classes,
      // Every member carries its own fitted preprocessing.
      preprocessing: null,
      model: state,
      trainRows,
    };
    return { model: artifact };
  },
});
