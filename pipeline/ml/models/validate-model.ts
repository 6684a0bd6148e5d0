import { z } from "zod";
import { cnnParamsSchema, logisticRegressionParamsSchema, mlpParamsSchema, type CnnParams, type MlpParams } from "./neural/params";
import { randomForestParamsSchema } from "./forest/params";
import { gradientBoostingParamsSchema } from "./gbt/params";
import { textClassifierParamsSchema } from "./text/params";
import { lossForTask } from "./gbt/losses";
import { isLinearState, linearOutputs, linearStateSchema } from "./linear/model";
import { logisticParamsSchema, ridgeParamsSchema } from "./linear/params";
import { serializedTreeSchema } from "./trees/tree";
import { decodeFloat32, decodeFloat64, decodeInt32, decodeUint8 } from "./typed-array-codec";
import { outputWidth, type Task } from "./types";

/**
 * Structural checks of a serialized model (`toJSON()` output) without loading it: every kind's
 * fitted state is checked against its params and the shape the model must read and write. Model
 * JSON arrives from browsers and stores, and a model that loads but then loops in a cyclic tree,
 * reads feature 9 of 4 or multiplies mismatched weights fails only when a request predicts; so
 * uploads and deploys call this and refuse such a model with the reason. Pure (no TensorFlow.js):
 * the browser and the server share it.
 */
export class InvalidModelError extends Error {}

const taskSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("classification"), classes: z.number().int().min(2).max(100_000) }),
  z.object({ kind: z.literal("regression") }),
]);

const envelopeSchema = z.object({
  format: z.literal("vajra-model/1"),
  kind: z.string(),
  task: taskSchema,
  inputs: z.number().int().min(1).max(10_000_000),
  params: z.unknown(),
  state: z.unknown(),
});

/** What the surrounding artifact says the model must read (feature columns) and predict. */
export interface ModelExpectation {
  inputs: number;
  task: Task;
}

type Check = (json: z.infer<typeof envelopeSchema>) => void;

export function fail(message: string): never {
  throw new InvalidModelError(message);
}

/** The value as `schema` reads it, or InvalidModelError naming `what` and the first issue's path. */
export function parseOrFail<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return fail(`${what}: ${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
}

/** Decodes a base64 typed array, turning atob's and the codec's errors into the model's reason. */
function decoded<T>(decode: (text: string) => T, text: string, what: string): T {
  try {
    return decode(text);
  } catch {
    return fail(`${what} is not valid base64 of its number type`);
  }
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

/**
 * A tree is usable when every split reads a feature the model has, its children come after it
 * (so walking from the root always ends in a leaf: no cycles, no out-of-range links), and its
 * thresholds and leaf values are numbers.
 */
function checkTree(json: unknown, inputs: number, outputs: number, what: string): void {
  const serialized = parseOrFail(serializedTreeSchema, json, what);
  const feature = decoded(decodeInt32, serialized.feature, `${what}'s features`);
  const threshold = decoded(decodeFloat64, serialized.threshold, `${what}'s thresholds`);
  const missingLeft = decoded(decodeUint8, serialized.missingLeft, `${what}'s missing-value directions`);
  const left = decoded(decodeInt32, serialized.left, `${what}'s left links`);
  const right = decoded(decodeInt32, serialized.right, `${what}'s right links`);
  const values = decoded(decodeFloat64, serialized.values, `${what}'s leaf values`);
  const n = feature.length;
  if (serialized.outputs !== outputs) fail(`${what} has ${serialized.outputs} outputs per leaf; the model needs ${outputs}`);
  if (n === 0) fail(`${what} has no nodes`);
  if ([threshold, missingLeft, left, right].some((a) => a.length !== n) || values.length !== n * outputs)
    fail(`${what}: its node arrays have different lengths`);
  for (let i = 0; i < n; i++) {
    const f = feature[i]!;
    if (f === -1) continue;
    if (f < -1 || f >= inputs) fail(`${what}: node ${i} reads feature ${f}, but the model has ${inputs} features (0–${inputs - 1})`);
    // Children come after their parent (as TreeBuilder writes them), so every walk from the root ends in a leaf.
    for (const [side, child] of [
      ["left", left[i]!],
      ["right", right[i]!],
    ] as const) {
      if (child <= i) fail(`${what}: node ${i}'s ${side} child is node ${child}, which does not come after it (a cycle or a dangling link)`);
      if (child >= n) fail(`${what}: node ${i}'s ${side} child is node ${child}, but the tree has ${n} nodes`);
    }
    if (Number.isNaN(threshold[i]!)) fail(`${what}: node ${i} splits at NaN`);
    if (missingLeft[i]! > 1) fail(`${what}: node ${i} has a missing-value direction of ${missingLeft[i]}`);
  }
  if (!allFinite(values)) fail(`${what} has a leaf value that is not a finite number`);
}

const forestStateSchema = z.object({ trees: z.array(z.unknown()).min(1) });
const boostingStateSchema = z.object({ baseline: z.array(z.number()), trees: z.array(z.unknown()), rounds: z.number().int().min(0) });

const checkForest: Check = (json) => {
  parseOrFail(randomForestParamsSchema, json.params, "Model params");
  const state = parseOrFail(forestStateSchema, json.state, "Random forest state");
  const width = outputWidth(json.task);
  state.trees.forEach((tree, i) => checkTree(tree, json.inputs, width, `Tree ${i + 1} of the random forest`));
};

const checkBoosting: Check = (json) => {
  parseOrFail(gradientBoostingParamsSchema, json.params, "Model params");
  const state = parseOrFail(boostingStateSchema, json.state, "Gradient boosting state");
  const width = lossForTask(json.task).width;
  if (state.baseline.length !== width) fail(`Gradient boosting baseline has ${state.baseline.length} values; the task needs ${width}`);
  if (!allFinite(state.baseline)) fail("Gradient boosting baseline is not finite");
  if (state.trees.length !== state.rounds * width) fail(`Gradient boosting has ${state.trees.length} trees for ${state.rounds} rounds × ${width} outputs`);
  // Each tree adds one raw output (round-major), so every leaf holds exactly one value.
  state.trees.forEach((tree, i) => checkTree(tree, json.inputs, 1, `Tree ${i + 1} of the gradient boosting model`));
};

const neuralStateSchema = z.object({
  weights: z.array(z.object({ shape: z.array(z.number().int().min(0)), data: z.string() })),
  targetScale: z.object({ mean: z.number(), std: z.number() }).nullable(),
});

type Shape = number[];
const dense = (inputs: number, units: number): Shape[] => [[inputs, units], [units]];

/** The weight shapes TensorFlow.js gives the network that architectures.ts builds, in getWeights() order. */
function neuralShapes(kind: "logistic_regression" | "linear_regression" | "mlp" | "cnn", params: unknown, inputs: number, task: Task): Shape[] {
  const units = outputWidth(task);
  switch (kind) {
    case "logistic_regression":
    case "linear_regression":
      parseOrFail(logisticRegressionParamsSchema, params, "Model params");
      return dense(inputs, units);
    case "mlp": {
      const p: MlpParams = parseOrFail(mlpParamsSchema, params, "Model params");
      const shapes: Shape[] = [];
      let width = inputs;
      for (let i = 0; i < p.hiddenLayers; i++) {
        shapes.push(...dense(width, p.hiddenUnits));
        width = p.hiddenUnits;
      }
      return [...shapes, ...dense(width, units)];
    }
    case "cnn": {
      const p: CnnParams = parseOrFail(cnnParamsSchema, params, "Model params");
      const pixels = p.imageHeight * p.imageWidth * p.channels;
      if (pixels !== inputs) fail(`The CNN reads ${p.imageHeight}×${p.imageWidth}×${p.channels} = ${pixels} pixels but the model has ${inputs} inputs`);
      const shapes: Shape[] = [];
      let [height, width, channels] = [p.imageHeight, p.imageWidth, p.channels];
      for (let block = 0; block < p.convLayers; block++) {
        const filters = p.filters * 2 ** block;
        shapes.push([p.kernelSize, p.kernelSize, channels, filters], [filters]);
        channels = filters;
        if (height >= 2 && width >= 2) [height, width] = [Math.floor(height / 2), Math.floor(width / 2)];
      }
      return [...shapes, ...dense(height * width * channels, p.denseUnits), ...dense(p.denseUnits, units)];
    }
  }
}

function checkNetworkState(state: unknown, expected: Shape[], task: Task, what: string): void {
  const parsed = parseOrFail(neuralStateSchema, state, `${what} state`);
  const stored = parsed.weights.map((w) => w.shape.join("×"));
  const wanted = expected.map((s) => s.join("×"));
  if (stored.join(",") !== wanted.join(",")) fail(`${what} weights (${stored.join(", ") || "none"}) do not fit its architecture (${wanted.join(", ")})`);
  parsed.weights.forEach((w, i) => {
    const values = decoded(decodeFloat32, w.data, `${what} weight ${i + 1}`);
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (values.length !== size) fail(`${what} weight ${i + 1} holds ${values.length} numbers for shape ${w.shape.join("×")} (${size})`);
    if (!allFinite(values)) fail(`${what} weight ${i + 1} has a value that is not a finite number`);
  });
  if (task.kind === "regression" && parsed.targetScale !== null) {
    const { mean, std } = parsed.targetScale;
    if (!Number.isFinite(mean) || !Number.isFinite(std) || std <= 0) fail(`${what} target scale must be a finite mean and a positive std`);
  }
}

const checkNeural =
  (kind: "logistic_regression" | "linear_regression" | "mlp" | "cnn"): Check =>
  (json) =>
    checkNetworkState(json.state, neuralShapes(kind, json.params, json.inputs, json.task), json.task, "The network's");

/** Closed-form linear / logistic models (state version 2); version 1 of these kinds was a TF.js network, checked as one. */
const checkLinear =
  (kind: "logistic_regression" | "linear_regression"): Check =>
  (json) => {
    if (!isLinearState(json.state)) return checkNeural(kind)(json);
    if (kind === "linear_regression") parseOrFail(ridgeParamsSchema, json.params, "Model params");
    else parseOrFail(logisticParamsSchema, json.params, "Model params");
    const state = parseOrFail(linearStateSchema, json.state, "Linear model state");
    const coefficients = decoded(decodeFloat64, state.coefficients, "The linear model's coefficients");
    const intercepts = decoded(decodeFloat64, state.intercepts, "The linear model's intercepts");
    const outputs = linearOutputs(json.task);
    if (intercepts.length !== outputs) fail(`The linear model has ${intercepts.length} intercepts; the task needs ${outputs}`);
    if (coefficients.length !== outputs * json.inputs)
      fail(`The linear model has ${coefficients.length} coefficients for ${outputs} outputs × ${json.inputs} inputs`);
    if (!allFinite(coefficients) || !allFinite(intercepts)) fail("The linear model has a coefficient that is not a finite number");
  };

const textStateSchema = z.object({ terms: z.array(z.string()).min(1), idf: z.string(), network: z.unknown() });

const checkText: Check = (json) => {
  if (json.inputs !== 1) fail(`A text model reads 1 text column, not ${json.inputs}`);
  const params = parseOrFail(textClassifierParamsSchema, json.params, "Model params");
  const state = parseOrFail(textStateSchema, json.state, "Text model state");
  const idf = decoded(decodeFloat32, state.idf, "The text model's idf");
  if (idf.length !== state.terms.length) fail(`The text model has ${state.terms.length} terms but ${idf.length} idf weights`);
  if (!allFinite(idf)) fail("The text model's idf has a value that is not a finite number");
  // text/model.ts networkFor(): logistic regression over the vocabulary, or one ReLU hidden layer.
  const vocabulary = state.terms.length;
  const units = outputWidth(json.task);
  const shapes = params.hiddenUnits === 0 ? dense(vocabulary, units) : [...dense(vocabulary, params.hiddenUnits), ...dense(params.hiddenUnits, units)];
  checkNetworkState(state.network, shapes, json.task, "The text model's network");
};

/** One check per model kind in the registry (registry.ts); a test keeps the two lists equal. */
export const MODEL_CHECKS: Record<string, Check> = {
  gradient_boosting: checkBoosting,
  random_forest: checkForest,
  logistic_regression: checkLinear("logistic_regression"),
  linear_regression: checkLinear("linear_regression"),
  mlp: checkNeural("mlp"),
  cnn: checkNeural("cnn"),
  text_classifier: checkText,
};

/**
 * Throws InvalidModelError with the reason when `raw` is not a usable serialized model, or not
 * one that reads `expected.inputs` features and predicts `expected.task`.
 */
export function checkSerializedModel(raw: unknown, expected?: ModelExpectation): void {
  const json = parseOrFail(envelopeSchema, raw, "Model");
  const check = Object.hasOwn(MODEL_CHECKS, json.kind) ? MODEL_CHECKS[json.kind] : undefined;
  if (check === undefined) fail(`Unknown model kind "${json.kind}"`);
  if (expected !== undefined) {
    if (json.inputs !== expected.inputs) fail(`The model reads ${json.inputs} features but its preprocessing produces ${expected.inputs}`);
    if (json.task.kind !== expected.task.kind) fail(`The model is a ${json.task.kind} model but the artifact says ${expected.task.kind}`);
    if (outputWidth(json.task) !== outputWidth(expected.task))
      fail(`The model predicts ${outputWidth(json.task)} classes but the artifact lists ${outputWidth(expected.task)}`);
  }
  check(json);
}
