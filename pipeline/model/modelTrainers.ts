import type { FittedModel, Matrix, Targets, Task, TextBatch, TrainOptions } from "../ml/models/types";
import type { TextTrainOptions } from "../ml/models/text/train";
import { ensureTensorFlowBackend } from "../ml/tf/tensorflow-backend";

/**
 * How the model nodes reach each model family, through the models registry. It is
 * imported lazily so the catalog (which the canvas uses to compile) never pulls
 * TensorFlow.js onto the UI thread.
 */
export type ModelTrainer = { /** The TF.js backend in use, for TF models. */ backend?: string } & (
  | {
      input: "matrix";
      fit(X: Matrix, y: Targets, task: Task, params: unknown, options: TrainOptions): Promise<FittedModel<Matrix>>;
    }
  | {
      input: "text";
      fit(texts: TextBatch, y: Targets, task: Task, params: unknown, options: TextTrainOptions): Promise<FittedModel<TextBatch>>;
    }
);

export type LoadedModel = { input: "matrix"; model: FittedModel<Matrix> } | { input: "text"; model: FittedModel<TextBatch> };

async function registry() {
  return import("../ml/models/registry");
}

export async function loadTrainer(modelKind: string): Promise<ModelTrainer> {
  const { MODEL_KINDS } = await registry();
  const kind = Object.entries(MODEL_KINDS).find(([name]) => name === modelKind)?.[1];
  if (kind === undefined) throw new Error(`No trainer for model kind "${modelKind}"`);
  const backend = kind.usesTensorFlow ? { backend: (await ensureTensorFlowBackend()).backend } : {};
  if (kind.input === "text") {
    return { ...backend, input: "text", fit: (texts, y, task, params, options) => kind.fit(texts, y, task, kind.paramsSchema.parse(params), options) };
  }
  // Every matrix kind's fit differs only in its params type, which paramsSchema.parse has just produced.
  const fit = kind.fit as (X: Matrix, y: Targets, task: Task, params: unknown, options: TrainOptions) => Promise<FittedModel<Matrix>>;
  return { ...backend, input: "matrix", fit: (X, y, task, params, options) => fit(X, y, task, kind.paramsSchema.parse(params), options) };
}

/** Rebuilds a fitted model from the JSON stored in a Model artifact. */
export async function loadModel(json: unknown): Promise<LoadedModel> {
  const { loadsWithTensorFlow, modelFromJSON } = await registry();
  if (loadsWithTensorFlow(json)) await ensureTensorFlowBackend();
  return modelFromJSON(json);
}
