import { checkTrainingData } from "../check-training-data";
import { createYielder } from "../cooperative";
import { holdoutSplit, takeRows, takeTargets } from "../holdout";
import { SeededRandom } from "../random";
import { modelThreads, privateBuffer, withModelThreads, type BufferSource, type ModelThread, type ModelThreadHost } from "../threads/model-threads";
import { binMatrix, fitBinThresholds, type BinnedMatrix } from "../trees/binning";
import { binMatrixOnThreads } from "../trees/threaded-binning";
import { GrowWorkspace, growTree, type LeafRows } from "../trees/grow-tree";
import type { HistogramSearch } from "../trees/histogram-search";
import { GRADIENT_CHANNELS, gradientCountUnit, gradientCriterion, type SplitCriterion } from "../trees/split-criterion";
import { HALVES, shareTreeMemory, ThreadedHistogramSearch, TREE_CHUNK_FLOATS } from "../trees/threaded-search";
import { addTreePredictions, type Tree } from "../trees/tree";
import { WorkChannel, workChannelBytes } from "../trees/work-channel";
import type { Matrix, Targets, Task, TrainOptions } from "../types";
import { validationMetric } from "../validation-metric";
import type { BoostingThreadInit } from "./boost-messages";
import { boostingChunkHandlers, gradientsHere, gradientsOnThreads } from "./boosting-work";
import { lossForTask } from "./losses";
import { GradientBoostedTreesModel } from "./model";
import { gradientBoostingParamsSchema, type GradientBoostingParams } from "./params";

/** Validation loss must improve by more than this to count as progress. */
const IMPROVEMENT_TOLERANCE = 1e-7;
const AUTO_EARLY_STOPPING_ROWS = 10_000;
/** Below this many training rows, sharing each node's search with a thread costs more than it saves. */
const THREADED_MIN_ROWS = 20_000;

function chooseEarlyStoppingSet(
  X: Matrix,
  y: Targets,
  task: Task,
  params: GradientBoostingParams,
  options: TrainOptions,
): { X: Matrix; y: Targets; validation: { X: Matrix; y: Targets } | null } {
  if (params.earlyStopping === "off") return { X, y, validation: null };
  if (options.validation) return { X, y, validation: options.validation };
  if (params.earlyStopping === "auto" && X.rows <= AUTO_EARLY_STOPPING_ROWS) return { X, y, validation: null };
  const { fit, holdout } = holdoutSplit(y, task, params.validationFraction, options.seed);
  return {
    X: takeRows(X, fit),
    y: takeTargets(y, fit),
    validation: { X: takeRows(X, holdout), y: takeTargets(y, holdout) },
  };
}

/**
 * Histogram gradient boosting: features are binned once, every round fits one tree per
 * raw output (one per class for softmax) to the loss gradients, and with a validation
 * set the model is cut back to the round with the lowest validation loss.
 */
export async function fitGradientBoosting(
  X: Matrix,
  y: Targets,
  task: Task,
  rawParams: Partial<GradientBoostingParams>,
  options: TrainOptions,
): Promise<GradientBoostedTreesModel> {
  const params = gradientBoostingParamsSchema.parse(rawParams);
  checkTrainingData(X, y, task, { allowMissing: true });
  const data = chooseEarlyStoppingSet(X, y, task, params, options);
  const host = options.threads !== false && data.X.rows >= THREADED_MIN_ROWS ? modelThreads() : undefined;
  const { baseline, trees } = host
    ? await withModelThreads(host, (threads, allocate) => boostOnThreads(host, threads, allocate, data, task, params, options))
    : await boost(data, task, params, options);
  return new GradientBoostedTreesModel(task, X.cols, params, baseline, trees);
}

type FitData = ReturnType<typeof chooseEarlyStoppingSet>;
interface Boosted {
  baseline: Float64Array;
  /** Round-major, cut back to the best round count. */
  trees: Tree[];
}

/**
 * boost with the row halves of each node's histogram and partition, and of each round's
 * gradients, shared between this thread and the host's (one per other core).
 */
async function boostOnThreads(
  host: ModelThreadHost,
  threads: ModelThread[],
  allocate: BufferSource,
  data: FitData,
  task: Task,
  params: GradientBoostingParams,
  options: TrainOptions,
): Promise<Boosted> {
  let channel: WorkChannel | undefined;
  try {
    const helper = threads[0]!;
    const bin = (X: Matrix, maxBins: number) => binMatrixOnThreads(X, maxBins, helper, allocate);
    return await boost(data, task, params, options, { allocate, bin }, ({ binned, criterion, stats, order, raw, countUnit }) => {
      // A tree holds at most one histogram per leaf, and one more while a split's children are built.
      const tree = shareTreeMemory(allocate, binned, stats, order, params.maxLeafNodes + 1);
      if (!tree) return undefined;
      const work = new WorkChannel(allocate(workChannelBytes(HALVES, TREE_CHUNK_FLOATS)) as SharedArrayBuffer, HALVES, TREE_CHUNK_FLOATS);
      channel = work;
      const y = sharedTargets(data.y, allocate);
      const { l2Regularization, learningRate } = params;
      const init: BoostingThreadInit = {
        type: "boosting-thread-init",
        ...tree.message,
        channel: work.buffer,
        task,
        l2Regularization,
        learningRate,
        countUnit,
        raw,
        y,
      };
      for (const thread of threads.slice(0, Math.max(1, host.count - 1))) thread.postMessage(init);
      const handlers = boostingChunkHandlers(tree.memory, criterion, lossForTask(task), raw, y, countUnit);
      return {
        search: new ThreadedHistogramSearch(work, handlers, tree.memory),
        gradients: gradientsOnThreads(work, handlers),
      };
    });
  } finally {
    channel?.stop();
  }
}

function sharedTargets(y: Targets, allocate: BufferSource): Targets {
  const copy = y instanceof Int32Array ? new Int32Array(allocate(y.byteLength)) : new Float64Array(allocate(y.byteLength));
  copy.set(y);
  return copy;
}

/** What a fit's threads may share: all of it in memory from boost's `allocate`. */
interface FitMemory {
  binned: BinnedMatrix;
  criterion: SplitCriterion;
  stats: Float64Array[];
  order: Int32Array;
  /** Training scores, rows × width. */
  raw: Float64Array;
  /** The count unit in the statistics' hessians (see gradientCountUnit). */
  countUnit: number;
}

/** How a fit's rounds do their heaviest work: a tree's histograms and partitions, and the gradients (returning the summed loss). */
interface RoundWork {
  search?: HistogramSearch;
  gradients(): number;
}

/**
 * Adds each leaf's value to output k of the raw scores of its rows. Out of the async boost loop
 * so that it is optimised as a plain function (measured in the profile as boost's own time).
 */
function addLeafValues(raw: Float64Array, width: number, k: number, order: Int32Array, leaves: LeafRows[]): void {
  for (const leaf of leaves) {
    const value = leaf.values[0]!;
    for (let i = leaf.start; i < leaf.end; i++) raw[order[i]! * width + k]! += value;
  }
}

/** Where a fit's binned table and the memory its threads share come from. */
interface FitBinning {
  allocate: BufferSource;
  bin(X: Matrix, maxBins: number): Promise<BinnedMatrix> | BinnedMatrix;
}

const BIN_HERE: FitBinning = {
  allocate: privateBuffer,
  bin: (X, maxBins) => binMatrix(X, fitBinThresholds(X, maxBins)),
};

/**
 * The boosting rounds. `allocate` gives the memory that threads may share (see FitMemory), `bin`
 * the binned table, and `startThreads` the work on the threads, where it pays.
 */
async function boost(
  data: FitData,
  task: Task,
  params: GradientBoostingParams,
  options: TrainOptions,
  { allocate, bin }: FitBinning = BIN_HERE,
  startThreads?: (memory: FitMemory) => RoundWork | undefined,
): Promise<Boosted> {
  const pause = createYielder(options.signal);
  const rng = new SeededRandom(options.seed);
  const loss = lossForTask(task);
  const width = loss.width;
  const n = data.X.rows;
  const allRows = Int32Array.from({ length: n }, (_, i) => i);

  const binned = await bin(data.X, params.maxBins);
  const baseline = loss.baseline(data.y, allRows);
  const raw = new Float64Array(allocate(n * width * Float64Array.BYTES_PER_ELEMENT));
  for (let r = 0; r < n; r++) raw.set(baseline, r * width);
  const validation = data.validation;
  const validationRaw = new Float64Array((validation?.X.rows ?? 0) * width);
  for (let r = 0; r < (validation?.X.rows ?? 0); r++) validationRaw.set(baseline, r * width);
  const validationRows = Int32Array.from({ length: validation?.X.rows ?? 0 }, (_, i) => i);

  const countUnit = gradientCountUnit(n);
  const criterion = gradientCriterion(params.l2Regularization, params.learningRate, countUnit);
  const stats = Array.from({ length: width }, () => new Float64Array(allocate(n * GRADIENT_CHANNELS * Float64Array.BYTES_PER_ELEMENT)));
  const order = new Int32Array(allocate(n * Int32Array.BYTES_PER_ELEMENT));
  const work: RoundWork = startThreads?.({ binned, criterion, stats, order, raw, countUnit }) ?? {
    gradients: gradientsHere(loss, raw, data.y, stats, countUnit),
  };
  const workspace = new GrowWorkspace(binned, criterion, work.search);
  const trees: Tree[] = [];
  let bestLoss = Infinity;
  let bestRounds = 0;

  // All outputs' gradients come from the same scores, before any of a round's trees apply.
  work.gradients();
  for (let round = 1; round <= params.maxIterations; round++) {
    await pause();
    let grewAnySplit = false;
    for (let k = 0; k < width; k++) {
      order.set(allRows);
      const { tree, leaves } = growTree(
        binned,
        stats[k]!,
        criterion,
        1,
        order,
        {
          maxDepth: params.maxDepth,
          maxLeafNodes: params.maxLeafNodes,
          minSamplesLeaf: params.minSamplesLeaf,
          featuresPerSplit: data.X.cols,
          rng,
        },
        workspace,
      );
      addLeafValues(raw, width, k, order, leaves);
      if (validation) addTreePredictions(tree, validation.X, validationRaw, width, k);
      grewAnySplit ||= tree.feature.length > 1;
      trees.push(tree);
    }

    const trainLoss = work.gradients() / n;
    if (validation) {
      const validationLoss = loss.loss(validationRaw, validation.y, validationRows);
      const metric = validationMetric(task, loss.transform(validationRaw, validation.X.rows), validation.y);
      options.onEpoch?.({ epoch: round, loss: trainLoss, valLoss: validationLoss, metric });
      if (validationLoss < bestLoss - IMPROVEMENT_TOLERANCE) {
        bestLoss = validationLoss;
        bestRounds = round;
      } else if (round - bestRounds >= params.nIterNoChange) {
        break;
      }
    } else {
      options.onEpoch?.({ epoch: round, loss: trainLoss });
      bestRounds = round;
    }
    // A round of single-leaf trees means the gradients are flat: more rounds change nothing.
    if (!grewAnySplit) break;
  }

  return { baseline, trees: trees.slice(0, bestRounds * width) };
}
