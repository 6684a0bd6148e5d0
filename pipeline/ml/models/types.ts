/** Row-major dense feature matrix: value of row r, column c is data[r * cols + c]. */
export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

/** Class indices 0..classes-1 for classification, real values for regression. */
export type Targets = Int32Array | Float64Array;

export type Task = { kind: "classification"; classes: number } | { kind: "regression" };

export interface EpochReport {
  /** 1-based epoch (TF models) or boosting round (GBT) or tree count (random forest). */
  epoch: number;
  loss: number;
  valLoss?: number;
  /** Validation accuracy (classification) or R² (regression) when a validation set is known. */
  metric?: number;
}

export interface TrainOptions {
  seed: number;
  onEpoch?: (report: EpochReport) => void;
  signal?: AbortSignal;
  /** Held-out rows for early stopping and progress; when absent, models that early-stop carve one out. */
  validation?: { X: Matrix; y: Targets };
  /** Whether the fit may use the host's model threads (threads/model-threads.ts); default yes, with the same result either way. */
  threads?: boolean;
}

/** A free-text column; null is a missing value. */
export type TextBatch = readonly (string | null)[];

export interface SerializedModel {
  format: "vajra-model/1";
  kind: string;
  task: Task;
  /** Number of feature columns (matrix models) or 1 (text models) the model expects. */
  inputs: number;
  params: unknown;
  state: unknown;
}

/** The envelope every model kind writes; `state` is the kind's own fitted data. */
export function serializeModel(model: { kind: string; task: Task; inputs: number; params: unknown }, state: unknown): SerializedModel {
  return { format: "vajra-model/1", kind: model.kind, task: model.task, inputs: model.inputs, params: model.params, state };
}

export interface FittedModel<Input = Matrix> {
  readonly kind: string;
  readonly task: Task;
  readonly inputs: number;
  /** rows × classes probabilities (classification) or one value per row (regression). */
  predict(input: Input): Promise<Float32Array>;
  toJSON(): SerializedModel;
  /** Frees backend memory (TF.js weights); tree models hold none. */
  dispose(): void;
}

export function outputWidth(task: Task): number {
  return task.kind === "classification" ? task.classes : 1;
}
