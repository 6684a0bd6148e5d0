import { SeededRandom } from "../random";
import type { BinnedMatrix } from "../trees/binning";
import { GrowWorkspace, growTree } from "../trees/grow-tree";
import { giniCriterion, varianceCriterion, type SplitCriterion } from "../trees/split-criterion";
import type { Tree } from "../trees/tree";
import { outputWidth, type Targets, type Task } from "../types";
import { featuresPerSplit, type RandomForestParams } from "./params";

/** Bootstrap resample as integer row weights (all ones without bootstrap), drawn from the tree's own seed. */
export function bootstrapWeights(rows: number, bootstrap: boolean, rng: SeededRandom): Int32Array {
  const weights = new Int32Array(rows);
  if (!bootstrap) return weights.fill(1);
  for (let i = 0; i < rows; i++) weights[rng.int(rows)]!++;
  return weights;
}

export function forestCriterion(task: Task): SplitCriterion {
  return task.kind === "classification" ? giniCriterion(task.classes) : varianceCriterion();
}

/**
 * What one thread needs to grow any tree of a forest. Each tree draws its bootstrap and feature
 * subsets from its own seed, so a tree is the same whichever thread grows it and in whatever order.
 */
export class ForestTreeGrower {
  private readonly criterion: SplitCriterion;
  private readonly workspace: GrowWorkspace;
  private readonly stats: Float64Array;

  constructor(
    private readonly binned: BinnedMatrix,
    private readonly y: Targets,
    private readonly task: Task,
    private readonly params: RandomForestParams,
  ) {
    this.criterion = forestCriterion(task);
    this.workspace = new GrowWorkspace(binned, this.criterion);
    this.stats = new Float64Array(binned.rows * this.criterion.channels);
  }

  grow(seed: number): { tree: Tree; weights: Int32Array } {
    const { binned, y, task, params, criterion, stats } = this;
    const n = binned.rows;
    const S = criterion.channels;
    const rng = new SeededRandom(seed);
    const weights = bootstrapWeights(n, params.bootstrap, rng);
    stats.fill(0);
    let inBag = 0;
    for (let r = 0; r < n; r++) {
      const w = weights[r]!;
      if (w === 0) continue;
      inBag++;
      if (task.kind === "classification") stats[r * S + y[r]!] = w;
      else stats[r * S] = w * y[r]!;
      // The forest criteria keep the weight in their last channel.
      stats[r * S + S - 1] = w;
    }
    const order = new Int32Array(inBag);
    for (let r = 0, i = 0; r < n; r++) if (weights[r]! > 0) order[i++] = r;
    const { tree } = growTree(
      binned,
      stats,
      criterion,
      outputWidth(task),
      order,
      {
        maxDepth: params.maxDepth,
        maxLeafNodes: Number.MAX_SAFE_INTEGER,
        minSamplesLeaf: params.minSamplesLeaf,
        featuresPerSplit: featuresPerSplit(params.maxFeatures, binned.cols),
        rng,
      },
      this.workspace,
    );
    return { tree, weights };
  }
}
