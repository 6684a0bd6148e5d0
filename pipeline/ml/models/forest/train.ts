import { logLoss } from "../../metrics/log-loss";
import { meanSquaredError } from "../../metrics/regression";
import { checkTrainingData } from "../check-training-data";
import { createYielder } from "../cooperative";
import { SeededRandom } from "../random";
import { binMatrix, fitBinThresholds } from "../trees/binning";
import { GrowWorkspace, growTree } from "../trees/grow-tree";
import { giniCriterion, varianceCriterion } from "../trees/split-criterion";
import { leafIndex, type Tree } from "../trees/tree";
import { outputWidth, type Matrix, type Targets, type Task, type TrainOptions } from "../types";
import { validationMetric } from "../validation-metric";
import { RandomForestModel } from "./model";
import { featuresPerSplit, randomForestParamsSchema, type RandomForestParams } from "./params";

/**
 * Random forest on the shared binned-histogram tree learner: each tree sees a bootstrap
 * resample (as integer row weights) and a fresh random feature subset at every split;
 * gini impurity for classification, variance for regression. Progress reports the
 * out-of-bag loss and metric, an unbiased estimate that needs no validation set.
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
  const pause = createYielder(options.signal);
  const rng = new SeededRandom(options.seed);
  const n = X.rows;
  const width = outputWidth(task);
  const binned = binMatrix(X, fitBinThresholds(X, params.maxBins));
  const criterion = task.kind === "classification" ? giniCriterion(task.classes) : varianceCriterion();
  const S = criterion.channels;
  const workspace = new GrowWorkspace(binned, criterion);
  const weights = new Int32Array(n);
  const stats = new Float64Array(n * S);
  const oobSums = new Float64Array(n * width);
  const oobVotes = new Int32Array(n);
  const trees: Tree[] = [];

  for (let t = 1; t <= params.nEstimators; t++) {
    await pause();
    weights.fill(params.bootstrap ? 0 : 1);
    if (params.bootstrap) for (let i = 0; i < n; i++) weights[rng.int(n)]!++;
    stats.fill(0);
    let inBag = 0;
    for (let r = 0; r < n; r++) {
      const w = weights[r]!;
      if (w === 0) continue;
      inBag++;
      if (task.kind === "classification") stats[r * S + y[r]!] = w;
      else stats[r * S] = w * y[r]!;
      stats[r * S + criterion.countChannel] = w;
    }
    const order = new Int32Array(inBag);
    for (let r = 0, i = 0; r < n; r++) if (weights[r]! > 0) order[i++] = r;
    const { tree } = growTree(
      binned,
      stats,
      criterion,
      width,
      order,
      {
        maxDepth: params.maxDepth,
        maxLeafNodes: Number.MAX_SAFE_INTEGER,
        minSamplesLeaf: params.minSamplesLeaf,
        featuresPerSplit: featuresPerSplit(params.maxFeatures, X.cols),
        rng,
      },
      workspace,
    );
    trees.push(tree);
    if (params.bootstrap && options.onEpoch) reportOutOfBag(t, tree, X, y, task, weights, oobSums, oobVotes, options.onEpoch);
  }
  return new RandomForestModel(task, X.cols, params, trees);
}

function reportOutOfBag(
  epoch: number,
  tree: Tree,
  X: Matrix,
  y: Targets,
  task: Task,
  weights: Int32Array,
  oobSums: Float64Array,
  oobVotes: Int32Array,
  onEpoch: NonNullable<TrainOptions["onEpoch"]>,
): void {
  const width = outputWidth(task);
  for (let r = 0; r < X.rows; r++) {
    if (weights[r]! > 0) continue;
    const leaf = leafIndex(tree, X.data, r * X.cols);
    for (let k = 0; k < width; k++) oobSums[r * width + k]! += tree.values[leaf * width + k]!;
    oobVotes[r]!++;
  }
  const scored: number[] = [];
  for (let r = 0; r < X.rows; r++) if (oobVotes[r]! > 0) scored.push(r);
  if (scored.length === 0) return;
  const predictions = new Float32Array(scored.length * width);
  const truth = new Float64Array(scored.length);
  scored.forEach((r, i) => {
    for (let k = 0; k < width; k++) predictions[i * width + k] = oobSums[r * width + k]! / oobVotes[r]!;
    truth[i] = y[r]!;
  });
  const loss = task.kind === "classification" ? logLoss(truth, predictions, task.classes, 1e-7) : meanSquaredError(truth, predictions);
  onEpoch({ epoch, loss, metric: validationMetric(task, predictions, truth) });
}
