import * as tf from "@tensorflow/tfjs";
import { SeededRandom } from "../random";
import { outputWidth, type Task } from "../types";
import { cnnParamsSchema, logisticRegressionParamsSchema, mlpParamsSchema, type CnnParams, type MlpParams, type OptimisationParams } from "./params";

export const NEURAL_KINDS = ["logistic_regression", "linear_regression", "mlp", "cnn"] as const;
export type NeuralKind = (typeof NEURAL_KINDS)[number];

export const NEURAL_PARAM_SCHEMAS = {
  logistic_regression: logisticRegressionParamsSchema,
  linear_regression: logisticRegressionParamsSchema,
  mlp: mlpParamsSchema,
  cnn: cnnParamsSchema,
} as const;

export type NeuralParams = OptimisationParams | MlpParams | CnnParams;

/**
 * Builds the (untrained) network for a kind. Initialisers and dropout draw their seeds from
 * `seed`, so the same params and seed give the same starting weights; a loaded model is
 * rebuilt from its params and then receives its stored weights. `l2` is the TF.js penalty
 * factor on kernels (see weightPenalty), which only training needs.
 */
export function buildNetwork(kind: NeuralKind, params: NeuralParams, inputs: number, task: Task, seed: number, l2: number): tf.Sequential {
  const rng = new SeededRandom(seed);
  const init = () => tf.initializers.glorotUniform({ seed: rng.seed() });
  const regularizer = l2 > 0 ? tf.regularizers.l2({ l2 }) : undefined;
  const units = outputWidth(task);
  const output = (config: { inputShape?: number[] }) =>
    tf.layers.dense({
      ...config,
      units,
      activation: task.kind === "classification" ? "softmax" : "linear",
      kernelInitializer: init(),
      kernelRegularizer: regularizer,
    });
  const model = tf.sequential();
  switch (kind) {
    case "logistic_regression":
    case "linear_regression":
      model.add(output({ inputShape: [inputs] }));
      break;
    case "mlp": {
      const p = params as MlpParams;
      for (let i = 0; i < p.hiddenLayers; i++) {
        model.add(
          tf.layers.dense({
            ...(i === 0 ? { inputShape: [inputs] } : {}),
            units: p.hiddenUnits,
            activation: p.activation,
            kernelInitializer: init(),
            kernelRegularizer: regularizer,
          }),
        );
        if (p.dropout > 0) model.add(tf.layers.dropout({ rate: p.dropout, seed: rng.seed() }));
      }
      model.add(output({}));
      break;
    }
    case "cnn": {
      const p = params as CnnParams;
      const pixels = p.imageHeight * p.imageWidth * p.channels;
      if (pixels !== inputs) {
        throw new Error(`CNN expects ${p.imageHeight}×${p.imageWidth}×${p.channels} = ${pixels} feature columns, got ${inputs}`);
      }
      model.add(tf.layers.reshape({ inputShape: [inputs], targetShape: [p.imageHeight, p.imageWidth, p.channels] }));
      let height = p.imageHeight;
      let width = p.imageWidth;
      for (let block = 0; block < p.convLayers; block++) {
        model.add(
          tf.layers.conv2d({
            filters: p.filters * 2 ** block,
            kernelSize: p.kernelSize,
            padding: "same",
            activation: "relu",
            kernelInitializer: init(),
            kernelRegularizer: regularizer,
          }),
        );
        // Pool only while the feature map is at least 2×2, so small images still get several blocks.
        if (height >= 2 && width >= 2) {
          model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
          height = Math.floor(height / 2);
          width = Math.floor(width / 2);
        }
      }
      model.add(tf.layers.flatten());
      model.add(tf.layers.dense({ units: p.denseUnits, activation: "relu", kernelInitializer: init(), kernelRegularizer: regularizer }));
      if (p.dropout > 0) model.add(tf.layers.dropout({ rate: p.dropout, seed: rng.seed() }));
      model.add(output({}));
      break;
    }
  }
  return model;
}
