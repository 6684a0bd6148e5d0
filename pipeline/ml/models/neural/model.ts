import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { checkMatrix } from "../check-training-data";
import { decodeFloat32, encodeTypedArray } from "../typed-array-codec";
import { outputWidth, serializeModel, type FittedModel, type Matrix, type SerializedModel, type Task } from "../types";
import { buildNetwork, NEURAL_KINDS, NEURAL_PARAM_SCHEMAS, type NeuralKind, type NeuralParams } from "./architectures";
import { matrixRowSource, type RowSource } from "./row-source";

const PREDICT_BATCH = 1024;

/** Regression targets are trained standardised so one learning rate suits any target scale. */
export interface TargetScale {
  mean: number;
  std: number;
}

export const neuralStateSchema = z.object({
  weights: z.array(z.object({ shape: z.array(z.number().int().min(0)), data: z.string() })),
  targetScale: z.object({ mean: z.number(), std: z.number().positive() }).nullable(),
});
export type NeuralState = z.infer<typeof neuralStateSchema>;

export class NeuralNetworkModel implements FittedModel {
  constructor(
    readonly kind: NeuralKind,
    readonly task: Task,
    readonly inputs: number,
    readonly params: NeuralParams,
    readonly network: tf.LayersModel,
    private readonly targetScale: TargetScale | null,
  ) {}

  async predict(X: Matrix): Promise<Float32Array> {
    checkMatrix(X, false, this.inputs);
    return this.predictRows(matrixRowSource(X));
  }

  /** Batched so a large table never becomes one huge tensor. */
  async predictRows(source: RowSource): Promise<Float32Array> {
    const width = outputWidth(this.task);
    const out = new Float32Array(source.rows * width);
    for (let start = 0; start < source.rows; start += PREDICT_BATCH) {
      const end = Math.min(source.rows, start + PREDICT_BATCH);
      const buffer = new Float32Array((end - start) * source.cols);
      source.fill(
        Int32Array.from({ length: end - start }, (_, i) => start + i),
        buffer,
      );
      const result = tf.tidy(() => this.network.predict(tf.tensor2d(buffer, [end - start, source.cols])) as tf.Tensor);
      out.set(await result.data(), start * width);
      result.dispose();
    }
    if (this.targetScale) {
      const { mean, std } = this.targetScale;
      for (let i = 0; i < out.length; i++) out[i] = out[i]! * std + mean;
    }
    return out;
  }

  state(): NeuralState {
    return {
      weights: this.network.getWeights().map((w) => ({ shape: w.shape, data: encodeTypedArray(w.dataSync() as Float32Array) })),
      targetScale: this.targetScale,
    };
  }

  toJSON(): SerializedModel {
    return serializeModel(this, this.state());
  }

  dispose(): void {
    this.network.dispose();
  }

  /** Rebuilds the architecture from params, then loads the stored weights into it. */
  static fromState(kind: NeuralKind, task: Task, inputs: number, params: NeuralParams, state: NeuralState): NeuralNetworkModel {
    const network = buildNetwork(kind, params, inputs, task, 0, 0);
    const expected = network.getWeights().map((w) => w.shape.join("×"));
    const stored = state.weights.map((w) => w.shape.join("×"));
    if (expected.join(",") !== stored.join(",")) {
      network.dispose();
      throw new Error(`Stored weights (${stored.join(", ")}) do not fit the ${kind} architecture (${expected.join(", ")})`);
    }
    const tensors = state.weights.map((w) => tf.tensor(decodeFloat32(w.data), w.shape));
    network.setWeights(tensors);
    tf.dispose(tensors);
    return new NeuralNetworkModel(kind, task, inputs, params, network, state.targetScale);
  }

  static fromJSON(json: SerializedModel): NeuralNetworkModel {
    const kind = z.enum(NEURAL_KINDS).parse(json.kind);
    const params = NEURAL_PARAM_SCHEMAS[kind].parse(json.params);
    return NeuralNetworkModel.fromState(kind, json.task, json.inputs, params, neuralStateSchema.parse(json.state));
  }
}
