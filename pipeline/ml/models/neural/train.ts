import * as tf from "@tensorflow/tfjs";
import { logLoss } from "../../metrics/log-loss";
import { meanSquaredError } from "../../metrics/regression";
import { checkMatrix, checkTrainingData } from "../check-training-data";
import { createYielder } from "../cooperative";
import { holdoutSplit } from "../holdout";
import { SeededRandom } from "../random";
import { outputWidth, type Matrix, type Targets, type Task, type TrainOptions } from "../types";
import { validationMetric } from "../validation-metric";
import { buildNetwork, NEURAL_PARAM_SCHEMAS, type NeuralKind, type NeuralParams } from "./architectures";
import { NeuralNetworkModel, type TargetScale } from "./model";
import { matrixRowSource, type RowSource } from "./row-source";
import { stoppingRule, weightPenalty } from "./stopping";

function encodeTargets(y: Targets, task: Task, scale: TargetScale | null): Float32Array {
  if (task.kind === "classification") {
    const out = new Float32Array(y.length * task.classes);
    for (let r = 0; r < y.length; r++) out[r * task.classes + y[r]!] = 1;
    return out;
  }
  return Float32Array.from(y, (v) => (v - scale!.mean) / scale!.std);
}

function targetScaleOf(y: Targets, rows: Int32Array): TargetScale {
  let mean = 0;
  for (const r of rows) mean += y[r]! / rows.length;
  let variance = 0;
  for (const r of rows) variance += (y[r]! - mean) ** 2 / rows.length;
  return { mean, std: Math.sqrt(variance) || 1 };
}

/** Copies of the weight values, so the best epoch can be restored after training overshoots. */
function snapshotWeights(network: tf.LayersModel): Float32Array[] {
  return network.getWeights().map((w) => (w.dataSync() as Float32Array).slice());
}

function restoreWeights(network: tf.LayersModel, snapshot: Float32Array[]): void {
  const tensors = network.getWeights().map((w, i) => tf.tensor(snapshot[i]!, w.shape));
  network.setWeights(tensors);
  tf.dispose(tensors);
}

export interface RowTrainingData {
  source: RowSource;
  y: Targets;
  validation?: { source: RowSource; y: Targets };
}

/**
 * The shared training loop of every TF.js model: seeded shuffling into mini-batches, Adam,
 * per-epoch validation loss, stopping by the params' rule (stopping.ts) and restoring the best
 * weights when it says so. Rows come from a RowSource so dense matrices and sparse text
 * features train the same way.
 */
export async function trainNeuralNetwork(
  kind: NeuralKind,
  data: RowTrainingData,
  task: Task,
  params: NeuralParams,
  options: TrainOptions,
): Promise<NeuralNetworkModel> {
  const rng = new SeededRandom(options.seed);
  const width = outputWidth(task);
  const { source } = data;
  let fitRows: Int32Array = Int32Array.from({ length: source.rows }, (_, i) => i);
  let validation: { source: RowSource; rows: Int32Array; y: Targets } | null = null;
  if (data.validation) {
    validation = { ...data.validation, rows: Int32Array.from({ length: data.validation.source.rows }, (_, i) => i) };
  } else if (params.earlyStopping) {
    const split = holdoutSplit(data.y, task, params.validationFraction, rng.seed());
    fitRows = split.fit;
    validation = { source, rows: split.holdout, y: data.y };
  }
  if (fitRows.length === 0) throw new Error("No training rows left after holding out the validation fraction");
  const batchSize = Math.min(params.batchSize, fitRows.length);
  const stopping = stoppingRule(params);
  const targetScale = task.kind === "regression" ? targetScaleOf(data.y, fitRows) : null;
  const targets = encodeTargets(data.y, task, targetScale);

  const network = buildNetwork(kind, params, source.cols, task, rng.seed(), weightPenalty(params, batchSize));
  const optimizer = tf.train.adam(params.learningRate);
  network.compile({ optimizer, loss: task.kind === "classification" ? "categoricalCrossentropy" : "meanSquaredError" });
  const model = new NeuralNetworkModel(kind, task, source.cols, params, network, targetScale);

  const validationSource: RowSource | null = validation && {
    rows: validation.rows.length,
    cols: validation.source.cols,
    fill: (rows, out) =>
      validation.source.fill(
        Array.from(rows, (i) => validation.rows[i]!),
        out,
      ),
  };
  const validationY = validation && Float64Array.from(validation.rows, (r) => validation.y[r]!);

  let bestWeights: Float32Array[] | null = null;
  // On the wasm/cpu backends trainOnBatch resolves in microtasks only, so without this the host's
  // timers and I/O (a server worker's lease heartbeat and progress writes) starve until training ends.
  const pause = createYielder(options.signal);
  try {
    for (let epoch = 1; epoch <= params.epochs; epoch++) {
      const order = rng.shuffleInPlace(fitRows.slice());
      let lossSum = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        await pause();
        const batch = order.subarray(start, Math.min(order.length, start + batchSize));
        const xBuffer = new Float32Array(batch.length * source.cols);
        source.fill(batch, xBuffer);
        const yBuffer = new Float32Array(batch.length * width);
        batch.forEach((r, i) => yBuffer.set(targets.subarray(r * width, (r + 1) * width), i * width));
        const xs = tf.tensor2d(xBuffer, [batch.length, source.cols]);
        const ys = tf.tensor2d(yBuffer, [batch.length, width]);
        const loss = await network.trainOnBatch(xs, ys);
        tf.dispose([xs, ys]);
        lossSum += (typeof loss === "number" ? loss : loss[0]!) * batch.length;
      }
      const meanLoss = lossSum / order.length;
      // Regression losses are reported in target units², not in the standardised training scale.
      const trainLoss = meanLoss * (targetScale ? targetScale.std ** 2 : 1);
      let watched = meanLoss;
      if (!validationSource || !validationY) {
        options.onEpoch?.({ epoch, loss: trainLoss });
      } else {
        const predictions = await model.predictRows(validationSource);
        const valLoss = task.kind === "classification" ? logLoss(validationY, predictions, task.classes, 1e-7) : meanSquaredError(validationY, predictions);
        options.onEpoch?.({ epoch, loss: trainLoss, valLoss, metric: validationMetric(task, predictions, validationY) });
        if (stopping.watch === "validation") watched = valLoss;
      }
      if (stopping.watch === "none") continue;
      const { best, stop } = stopping.observe(watched);
      if (best && stopping.restoreBest) bestWeights = snapshotWeights(network);
      if (stop) break;
    }
    if (bestWeights) restoreWeights(network, bestWeights);
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    optimizer.dispose();
  }
  return model;
}

/** Fits a logistic / linear regression, MLP or CNN on a dense feature matrix. */
export async function fitNeuralNetwork(
  kind: NeuralKind,
  X: Matrix,
  y: Targets,
  task: Task,
  rawParams: Partial<NeuralParams>,
  options: TrainOptions,
): Promise<NeuralNetworkModel> {
  if (kind === "logistic_regression" && task.kind !== "classification") throw new Error("Logistic regression needs a classification target");
  if (kind === "linear_regression" && task.kind !== "regression") throw new Error("Linear regression needs a numeric (regression) target");
  const params = NEURAL_PARAM_SCHEMAS[kind].parse(rawParams);
  checkTrainingData(X, y, task, { allowMissing: false });
  if (options.validation) {
    checkMatrix(options.validation.X, false, X.cols);
    checkTrainingData(options.validation.X, options.validation.y, task, { allowMissing: false });
  }
  return trainNeuralNetwork(
    kind,
    {
      source: matrixRowSource(X),
      y,
      ...(options.validation ? { validation: { source: matrixRowSource(options.validation.X), y: options.validation.y } } : {}),
    },
    task,
    params,
    options,
  );
}
