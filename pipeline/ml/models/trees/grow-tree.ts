import { thresholdAfterBin, type BinnedMatrix } from "./binning";
import { findBestSplit, findBestSplitInRows, SMALL_NODE_ROWS, type Split } from "./find-split";
import { buildHistogram, histogramStride } from "./histogram";
import { childSlots, EveryFeatureSearch, type HistogramSearch } from "./histogram-search";
import { partitionRows } from "./partition";
import type { SplitCriterion } from "./split-criterion";
import { TreeBuilder, type Tree } from "./tree";
import type { SeededRandom } from "../random";

export interface GrowOptions {
  maxDepth: number;
  maxLeafNodes: number;
  minSamplesLeaf: number;
  /** Features drawn (without replacement) for each node's split search; cols means all. */
  featuresPerSplit: number;
  rng: SeededRandom;
}

/** A finished leaf and the rows of `order` it holds, so boosting can update scores without re-traversing. */
export interface LeafRows {
  node: number;
  start: number;
  end: number;
  values: Float64Array;
}

interface OpenLeaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  sums: Float64Array;
  /** Its histogram's slot in the workspace's search (-1: none), kept only while the node may still be split and subtraction is in use. */
  slot: number;
  split: Split | null;
}

/**
 * Buffers reused across the nodes and trees of one fit: allocating a histogram (up to MBs)
 * per node would make the garbage collector the bottleneck. `search` does the histogram work
 * of trees that search every feature (by default here; a fit may pass one that uses threads).
 */
export class GrowWorkspace {
  private readonly free: Float64Array[] = [];
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  private readonly histogramSize: number;
  private readonly rows: number;
  private scratchRows: Int32Array | undefined;
  readonly search: HistogramSearch;

  constructor(binned: BinnedMatrix, criterion: SplitCriterion, search?: HistogramSearch) {
    this.histogramSize = binned.cols * histogramStride(criterion.channels);
    this.rows = binned.rows;
    this.search = search ?? new EveryFeatureSearch(binned, criterion);
  }

  /** Partition scratch of trees that sample features (search partitions the others' rows). */
  scratch(): Int32Array {
    return (this.scratchRows ??= new Int32Array(this.rows));
  }

  acquire(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.histogramSize);
  }

  release(buffer: Float64Array | null): void {
    if (buffer) this.free.push(buffer);
  }

  /** A free histogram slot of `search`. */
  acquireSlot(): number {
    return this.freeSlots.pop() ?? this.slotCount++;
  }

  releaseSlot(slot: number): void {
    if (slot >= 0) this.freeSlots.push(slot);
  }
}

/**
 * Grows one tree best-first (the open leaf with the largest gain splits next) until
 * maxLeafNodes, maxDepth or no admissible split. When every feature is searched at every
 * node, the larger child's histogram is the parent's minus the smaller child's, so only
 * the smaller child is ever scanned. `order` holds the training rows (may be a subset)
 * and is partitioned in place so each leaf owns a contiguous range.
 */
export function growTree(
  binned: BinnedMatrix,
  stats: Float64Array,
  criterion: SplitCriterion,
  outputs: number,
  order: Int32Array,
  options: GrowOptions,
  workspace: GrowWorkspace = new GrowWorkspace(binned, criterion),
): { tree: Tree; leaves: LeafRows[] } {
  const S = criterion.channels;
  const cols = binned.cols;
  const allFeatures = Int32Array.from({ length: cols }, (_, i) => i);
  const sampleFeatures = options.featuresPerSplit < cols;
  const useSubtraction = !sampleFeatures;
  const pool = workspace;
  const search = workspace.search;
  if (useSubtraction) search.begin(stats, order, options.minSamplesLeaf);
  const builder = new TreeBuilder(outputs);

  const featuresForNode = (): Int32Array => {
    if (!sampleFeatures) return allFeatures;
    const pick = allFeatures.slice();
    for (let i = 0; i < options.featuresPerSplit; i++) {
      const j = i + options.rng.int(cols - i);
      const t = pick[i]!;
      pick[i] = pick[j]!;
      pick[j] = t;
    }
    return pick.subarray(0, options.featuresPerSplit);
  };

  const canSplit = (leaf: { start: number; end: number; depth: number }) =>
    leaf.depth < options.maxDepth && leaf.end - leaf.start >= 2 * options.minSamplesLeaf && leaf.end - leaf.start >= 2;

  /** Searches a split for a new leaf whose histogram is not already built. */
  const openLeaf = (start: number, end: number, depth: number, sums: Float64Array): OpenLeaf => {
    const leaf: OpenLeaf = { node: builder.addLeaf(), start, end, depth, sums, slot: -1, split: null };
    if (!canSplit(leaf)) return leaf;
    const features = featuresForNode();
    if (end - start <= SMALL_NODE_ROWS) {
      leaf.split = findBestSplitInRows(binned, stats, order, start, end, features, sums, criterion, options.minSamplesLeaf);
    } else if (useSubtraction) {
      const slot = pool.acquireSlot();
      leaf.split = search.root(slot, start, end, sums);
      keepSlot(leaf, slot);
    } else {
      const h = pool.acquire();
      buildHistogram(binned, stats, S, order, start, end, features, h);
      leaf.split = findBestSplit(h, binned, features, sums, criterion, options.minSamplesLeaf);
      pool.release(h);
    }
    return leaf;
  };

  /** A leaf keeps its histogram only while it may still split, for its children's subtraction. */
  const keepSlot = (leaf: OpenLeaf, slot: number) => {
    if (leaf.split) leaf.slot = slot;
    else pool.releaseSlot(slot);
  };

  const rootSums = new Float64Array(S);
  for (let i = 0; i < order.length; i++) {
    const base = order[i]! * S;
    for (let s = 0; s < S; s++) rootSums[s]! += stats[base + s]!;
  }
  const open: OpenLeaf[] = [openLeaf(0, order.length, 0, rootSums)];
  let leafCount = 1;

  while (leafCount < options.maxLeafNodes) {
    let bestIndex = -1;
    for (let i = 0; i < open.length; i++) {
      const split = open[i]!.split;
      if (split && (bestIndex < 0 || split.gain > open[bestIndex]!.split!.gain)) bestIndex = i;
    }
    if (bestIndex < 0) break;
    const parent = open[bestIndex]!;
    const split = parent.split!;
    open.splice(bestIndex, 1);
    const mid = useSubtraction
      ? search.partition(parent.start, parent.end, split)
      : partitionRows(binned, order, workspace.scratch(), parent.start, parent.end, split);
    const depth = parent.depth + 1;

    let leftLeaf: OpenLeaf;
    let rightLeaf: OpenLeaf;
    if (parent.slot >= 0) {
      leftLeaf = { node: builder.addLeaf(), start: parent.start, end: mid, depth, sums: split.leftSums, slot: -1, split: null };
      rightLeaf = { node: builder.addLeaf(), start: mid, end: parent.end, depth, sums: split.rightSums, slot: -1, split: null };
      const small = pool.acquireSlot();
      const [leftSplit, rightSplit] = search.children(
        parent.slot,
        small,
        parent.start,
        mid,
        parent.end,
        { sums: split.leftSums, search: canSplit(leftLeaf) },
        { sums: split.rightSums, search: canSplit(rightLeaf) },
      );
      const [leftSlot, rightSlot] = childSlots(parent.slot, small, parent.start, mid, parent.end);
      leftLeaf.split = leftSplit;
      rightLeaf.split = rightSplit;
      keepSlot(leftLeaf, leftSlot);
      keepSlot(rightLeaf, rightSlot);
    } else {
      leftLeaf = openLeaf(parent.start, mid, depth, split.leftSums);
      rightLeaf = openLeaf(mid, parent.end, depth, split.rightSums);
    }
    builder.setSplit(
      parent.node,
      split.feature,
      thresholdAfterBin(binned.thresholds, split.feature, split.bin),
      split.missingLeft,
      leftLeaf.node,
      rightLeaf.node,
    );
    open.push(leftLeaf, rightLeaf);
    leafCount++;
  }

  const leaves: LeafRows[] = [];
  for (const leaf of open) {
    pool.releaseSlot(leaf.slot);
    const values = new Float64Array(outputs);
    criterion.leafValues(leaf.sums, values);
    builder.setValues(leaf.node, values);
    leaves.push({ node: leaf.node, start: leaf.start, end: leaf.end, values });
  }
  return { tree: builder.build(), leaves };
}
