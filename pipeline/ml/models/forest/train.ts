import { logLoss } from "../../metrics/log-loss";
import { meanSquaredError } from "../../metrics/regression";
import { checkTrainingData } from "../check-training-data";
import { createYielder } from "../cooperative";
import { SeededRandom } from "../random";
import { modelThreads, privateBuffer } from "../threads/model-threads";
import { binMatrix, fitBinThresholds } from "../trees/binning";
import { leafIndex, type Tree } from "../trees/tree";
import { outputWidth, type Matrix, type Targets, type Task, type TrainOptions } from "../types";
import { validationMetric } from "../validation-metric";
import { growTreesOnThreads } from "./forest-threads";
import { bootstrapWeights, ForestTreeGrower } from "./grow-forest-tree";
import { RandomForestModel } from "./model";
import { randomForestParamsSchema, type RandomForestParams } from "./params";

/** Below this many rows × trees, starting threads costs more than it saves. */
const THREADED_MIN_WORK = 200_000;

/**
 * Random forest on the shared binned-histogram tree learner: each tree sees a bootstrap
 * resample (as integer row weights) and a fresh random feature subset at every split;
 * gini impurity for classification, variance for regression. Every tree draws from a seed of
 * its own, so trees grown on the host's threads are the ones the calling thread would grow.
 * Progress reports the out-of-bag loss and metric, an unbiased estimate that needs no
 * validation set.
 */
export async function fitRandomForest(
  X: Matrix,
  y: Targets,
  task: Task,
  rawParams: Partial<RandomForestParams>,
  options: TrainOptions,
): Promise<RandomForestModel> {
  const params = randomForestParamsSchema.parse(rawParams);
  checkTrainingData(X, y, task, { allowMissing: true });
  const rng = new SeededRandom(options.seed);
  const seeds = Array.from({ length: params.nEstimators }, () => rng.seed());
  const host = options.threads !== false && X.rows * params.nEstimators >= THREADED_MIN_WORK ? modelThreads() : undefined;
  const binned = binMatrix(X, fitBinThresholds(X, params.maxBins), host?.shared ?? privateBuffer);
  const outOfBag = params.bootstrap && options.onEpoch ? new OutOfBag(X, y, task, options.onEpoch) : undefined;
  const trees: Tree[] = [];
  const onTree = (index: number, tree: Tree, weights?: Int32Array) => {
    trees.push(tree);
    outOfBag?.add(index + 1, tree, weights ?? bootstrapWeights(X.rows, true, new SeededRandom(seeds[index]!)));
  };

  if (host) {
    await growTreesOnThreads(host, binned, y, task, params, seeds, onTree, options.signal);
  } else {
    const pause = createYielder(options.signal);
    const grower = new ForestTreeGrower(binned, y, task, params);
    for (let t = 0; t < params.nEstimators; t++) {
      await pause();
      const { tree, weights } = grower.grow(seeds[t]!);
      onTree(t, tree, weights);
    }
  }
  return new RandomForestModel(task, X.cols, params, trees);
}

/** Out-of-bag predictions accumulated tree by tree, reported as loss and metric after each. */
class OutOfBag {
  private readonly sums: Float64Array;
  private readonly votes: Int32Array;

  constructor(
    private readonly X: Matrix,
    private readonly y: Targets,
    private readonly task: Task,
    private readonly onEpoch: NonNullable<TrainOptions["onEpoch"]>,
  ) {
    this.sums = new Float64Array(X.rows * outputWidth(task));
    this.votes = new Int32Array(X.rows);
  }

  add(epoch: number, tree: Tree, weights: Int32Array): void {
    const { X, y, task, sums, votes } = this;
    const width = outputWidth(task);
    for (let r = 0; r < X.rows; r++) {
      if (weights[r]! > 0) continue;
      const leaf = leafIndex(tree, X.data, r * X.cols);
      for (let k = 0; k < width; k++) sums[r * width + k]! += tree.values[leaf * width + k]!;
      votes[r]!++;
    }
    const scored: number[] = [];
    for (let r = 0; r < X.rows; r++) if (votes[r]! > 0) scored.push(r);
    if (scored.length === 0) return;
    const predictions = new Float32Array(scored.length * width);
    const truth = new Float64Array(scored.length);
    scored.forEach((r, i) => {
      for (let k = 0; k < width; k++) predictions[i * width + k] = sums[r * width + k]! / votes[r]!;
      truth[i] = y[r]!;
    });
    const loss = task.kind === "classification" ? logLoss(truth, predictions, task.classes, 1e-7) : meanSquaredError(truth, predictions);
    this.onEpoch({ epoch, loss, metric: validationMetric(task, predictions, truth) });
  }
}
