import { z } from "zod";
import { checkMatrix } from "../check-training-data";
import { decodeFloat64, encodeTypedArray } from "../typed-array-codec";
import { outputWidth, serializeModel, type FittedModel, type Matrix, type SerializedModel, type Task } from "../types";
import { logisticParamsSchema, ridgeParamsSchema, type LogisticParams, type RidgeParams } from "./params";
import type { LinearCoefficients } from "./ridge";

export const LINEAR_KINDS = ["linear_regression", "logistic_regression"] as const;
export type LinearKind = (typeof LINEAR_KINDS)[number];

/**
 * Version 1 of these kinds was a TensorFlow.js network (its state holds `weights` tensors and
 * still loads through NeuralNetworkModel); version 2 is this closed-form / Newton fit.
 */
export const LINEAR_STATE_VERSION = 2;

export const linearStateSchema = z.object({
  stateVersion: z.literal(LINEAR_STATE_VERSION),
  /** Float64, outputs × inputs row-major; one output for regression and binary classification, one per class otherwise. */
  coefficients: z.string(),
  intercepts: z.string(),
});
export type LinearState = z.infer<typeof linearStateSchema>;

/** Whether a stored linear / logistic model is the closed-form (version 2) kind rather than a TF.js (version 1) network. */
export function isLinearState(state: unknown): boolean {
  return typeof state === "object" && state !== null && (state as { stateVersion?: unknown }).stateVersion === LINEAR_STATE_VERSION;
}

/** How many weight vectors a linear model of this task holds: a binary logit needs one, softmax one per class. */
export function linearOutputs(task: Task): number {
  return task.kind === "classification" && task.classes > 2 ? task.classes : 1;
}

export class LinearModel implements FittedModel {
  constructor(
    readonly kind: LinearKind,
    readonly task: Task,
    readonly inputs: number,
    readonly params: RidgeParams | LogisticParams,
    private readonly coefficients: LinearCoefficients,
  ) {}

  predict(X: Matrix): Promise<Float32Array> {
    checkMatrix(X, false, this.inputs);
    const { weights, intercepts } = this.coefficients;
    const outputs = intercepts.length;
    const width = outputWidth(this.task);
    const out = new Float32Array(X.rows * width);
    const logits = new Float64Array(outputs);
    for (let r = 0; r < X.rows; r++) {
      const row = r * X.cols;
      for (let k = 0; k < outputs; k++) {
        let z = intercepts[k]!;
        const base = k * X.cols;
        for (let j = 0; j < X.cols; j++) z += weights[base + j]! * X.data[row + j]!;
        logits[k] = z;
      }
      if (this.task.kind === "regression") {
        out[r] = logits[0]!;
      } else if (outputs === 1) {
        const p = 1 / (1 + Math.exp(-logits[0]!));
        out[r * 2] = 1 - p;
        out[r * 2 + 1] = p;
      } else {
        let max = -Infinity;
        for (let k = 0; k < outputs; k++) max = Math.max(max, logits[k]!);
        let sum = 0;
        for (let k = 0; k < outputs; k++) sum += Math.exp(logits[k]! - max);
        for (let k = 0; k < outputs; k++) out[r * width + k] = Math.exp(logits[k]! - max) / sum;
      }
    }
    return Promise.resolve(out);
  }

  /** The fitted coefficients (outputs × inputs) and intercepts, in the scale of the matrix it was trained on. */
  fitted(): LinearCoefficients {
    return { weights: this.coefficients.weights.slice(), intercepts: this.coefficients.intercepts.slice() };
  }

  toJSON(): SerializedModel {
    const state: LinearState = {
      stateVersion: LINEAR_STATE_VERSION,
      coefficients: encodeTypedArray(this.coefficients.weights),
      intercepts: encodeTypedArray(this.coefficients.intercepts),
    };
    return serializeModel(this, state);
  }

  dispose(): void {}

  static fromJSON(json: SerializedModel): LinearModel {
    const kind = z.enum(LINEAR_KINDS).parse(json.kind);
    const params = kind === "linear_regression" ? ridgeParamsSchema.parse(json.params) : logisticParamsSchema.parse(json.params);
    const state = linearStateSchema.parse(json.state);
    const weights = decodeFloat64(state.coefficients);
    const intercepts = decodeFloat64(state.intercepts);
    const outputs = linearOutputs(json.task);
    if (intercepts.length !== outputs || weights.length !== outputs * json.inputs) {
      throw new Error(`Stored coefficients (${weights.length} + ${intercepts.length}) do not fit ${outputs} outputs × ${json.inputs} inputs`);
    }
    return new LinearModel(kind, json.task, json.inputs, params, { weights, intercepts });
  }
}
