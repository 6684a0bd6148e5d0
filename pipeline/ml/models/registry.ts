import { z } from "zod";
import { GRADIENT_BOOSTING_KIND, GradientBoostedTreesModel } from "./gbt/model";
import { gradientBoostingParamsSchema } from "./gbt/params";
import { fitGradientBoosting } from "./gbt/train";
import { RANDOM_FOREST_KIND, RandomForestModel } from "./forest/model";
import { randomForestParamsSchema } from "./forest/params";
import { fitRandomForest } from "./forest/train";
import { isLinearState, LinearModel } from "./linear/model";
import { logisticParamsSchema, ridgeParamsSchema } from "./linear/params";
import { fitLinearRegression, fitLogisticRegression } from "./linear/train";
import { NEURAL_PARAM_SCHEMAS, type NeuralKind } from "./neural/architectures";
import { NeuralNetworkModel } from "./neural/model";
import { fitNeuralNetwork } from "./neural/train";
import { TEXT_CLASSIFIER_KIND, TextClassifierModel } from "./text/model";
import { textClassifierParamsSchema } from "./text/params";
import { fitTextClassifier, type TextTrainOptions } from "./text/train";
import type { FittedModel, Matrix, SerializedModel, Targets, Task, TextBatch, TrainOptions } from "./types";

type TaskKind = Task["kind"];

interface ModelKindInfo<Schema extends z.ZodType> {
  label: string;
  /** Generates the inspector form and the tuner's search space. */
  paramsSchema: Schema;
  tasks: TaskKind[];
  /** Whether NaN feature values are accepted (trees route them; neural nets need imputation). */
  acceptsMissing: boolean;
  /** Runs on TensorFlow.js, so a backend must be selected first (see pipeline/ml/tf/select-backend). */
  usesTensorFlow: boolean;
}

export interface MatrixModelKind<Schema extends z.ZodType = z.ZodType> extends ModelKindInfo<Schema> {
  input: "matrix";
  fit(X: Matrix, y: Targets, task: Task, params: Partial<z.infer<Schema>>, options: TrainOptions): Promise<FittedModel<Matrix>>;
}

export interface TextModelKind<Schema extends z.ZodType = z.ZodType> extends ModelKindInfo<Schema> {
  input: "text";
  fit(texts: TextBatch, y: Targets, task: Task, params: Partial<z.infer<Schema>>, options: TextTrainOptions): Promise<FittedModel<TextBatch>>;
}

const neural = (kind: NeuralKind, label: string, tasks: TaskKind[]): MatrixModelKind<(typeof NEURAL_PARAM_SCHEMAS)[NeuralKind]> => ({
  input: "matrix",
  label,
  paramsSchema: NEURAL_PARAM_SCHEMAS[kind],
  tasks,
  acceptsMissing: false,
  usesTensorFlow: true,
  fit: (X, y, task, params, options) => fitNeuralNetwork(kind, X, y, task, params, options),
});

export const MODEL_KINDS = {
  [GRADIENT_BOOSTING_KIND]: {
    input: "matrix",
    label: "Gradient-boosted trees",
    paramsSchema: gradientBoostingParamsSchema,
    tasks: ["classification", "regression"],
    acceptsMissing: true,
    usesTensorFlow: false,
    fit: fitGradientBoosting,
  } satisfies MatrixModelKind<typeof gradientBoostingParamsSchema>,
  [RANDOM_FOREST_KIND]: {
    input: "matrix",
    label: "Random forest",
    paramsSchema: randomForestParamsSchema,
    tasks: ["classification", "regression"],
    acceptsMissing: true,
    usesTensorFlow: false,
    fit: fitRandomForest,
  } satisfies MatrixModelKind<typeof randomForestParamsSchema>,
  logistic_regression: {
    input: "matrix",
    label: "Logistic regression",
    paramsSchema: logisticParamsSchema,
    tasks: ["classification"],
    acceptsMissing: false,
    usesTensorFlow: false,
    fit: fitLogisticRegression,
  } satisfies MatrixModelKind<typeof logisticParamsSchema>,
  linear_regression: {
    input: "matrix",
    label: "Linear regression",
    paramsSchema: ridgeParamsSchema,
    tasks: ["regression"],
    acceptsMissing: false,
    usesTensorFlow: false,
    fit: fitLinearRegression,
  } satisfies MatrixModelKind<typeof ridgeParamsSchema>,
  mlp: neural("mlp", "Neural network (MLP)", ["classification", "regression"]),
  cnn: neural("cnn", "Convolutional network (images)", ["classification", "regression"]),
  [TEXT_CLASSIFIER_KIND]: {
    input: "text",
    label: "Text classifier (TF-IDF)",
    paramsSchema: textClassifierParamsSchema,
    tasks: ["classification"],
    acceptsMissing: true,
    usesTensorFlow: true,
    fit: fitTextClassifier,
  } satisfies TextModelKind<typeof textClassifierParamsSchema>,
} as const;

export type ModelKind = keyof typeof MODEL_KINDS;
export const MODEL_KIND_NAMES = Object.keys(MODEL_KINDS) as ModelKind[];

const taskSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("classification"), classes: z.number().int().min(2) }),
  z.object({ kind: z.literal("regression") }),
]);

export const serializedModelSchema = z.object({
  format: z.literal("vajra-model/1"),
  kind: z.enum(MODEL_KIND_NAMES as [ModelKind, ...ModelKind[]]),
  task: taskSchema,
  inputs: z.number().int().min(1),
  params: z.unknown(),
  state: z.unknown(),
});

export type LoadedModel = { input: "matrix"; model: FittedModel<Matrix> } | { input: "text"; model: FittedModel<TextBatch> };

/**
 * Whether loading this stored model needs a TF.js backend: its kind trains on TF.js, or it is a
 * linear / logistic model saved before they were fitted in closed form (a TF.js network then).
 */
export function loadsWithTensorFlow(raw: unknown): boolean {
  const json = serializedModelSchema.parse(raw);
  if (json.kind === "linear_regression" || json.kind === "logistic_regression") return !isLinearState(json.state);
  return MODEL_KINDS[json.kind].usesTensorFlow;
}

/** Restores any stored model artifact; TF.js models need a backend selected first. */
export function modelFromJSON(raw: unknown): LoadedModel {
  const json = serializedModelSchema.parse(raw) as SerializedModel & { kind: ModelKind };
  switch (json.kind) {
    case "linear_regression":
    case "logistic_regression":
      return { input: "matrix", model: isLinearState(json.state) ? LinearModel.fromJSON(json) : NeuralNetworkModel.fromJSON(json) };
    case GRADIENT_BOOSTING_KIND:
      return { input: "matrix", model: GradientBoostedTreesModel.fromJSON(json) };
    case RANDOM_FOREST_KIND:
      return { input: "matrix", model: RandomForestModel.fromJSON(json) };
    case TEXT_CLASSIFIER_KIND:
      return { input: "text", model: TextClassifierModel.fromJSON(json) };
    default:
      return { input: "matrix", model: NeuralNetworkModel.fromJSON(json) };
  }
}
