import type { BinnedMatrix } from "./binning";
import { findBestSplit, type Split } from "./find-split";
import { buildGradientHistogram, buildHistogram, histogramStride, subtractHistogramInPlace } from "./histogram";
import type { SplitCriterion } from "./split-criterion";

/**
 * The histogram side of growing a tree that searches every feature at every node, so that a
 * node's larger child takes its histogram by subtraction. Histograms live in numbered slots that
 * the grower hands out and takes back; an implementation may keep them on other threads.
 */
export interface HistogramSearch {
  /** Starts a tree over these per-row statistics and row order (which the grower partitions in place). */
  begin(stats: Float64Array, order: Int32Array, minSamplesLeaf: number): void;
  /** Builds the histogram of order[start..end) into `slot` and returns its best split. */
  root(slot: number, start: number, end: number, sums: Float64Array): Split | null;
  /**
   * After the node in `parentSlot` was partitioned at `mid`: builds the smaller child's histogram
   * into `smallSlot` and turns the parent's into the larger child's (left is the smaller when
   * mid - start <= end - mid), then searches the children asked for (null for the others).
   */
  children(
    parentSlot: number,
    smallSlot: number,
    start: number,
    mid: number,
    end: number,
    left: ChildToSearch,
    right: ChildToSearch,
  ): [left: Split | null, right: Split | null];
}

export interface ChildToSearch {
  sums: Float64Array;
  search: boolean;
}

/** Which slot holds which child after `children`: the smaller child is built, the larger one subtracted into the parent's. */
export function childSlots(parentSlot: number, smallSlot: number, start: number, mid: number, end: number): [left: number, right: number] {
  return mid - start <= end - mid ? [smallSlot, parentSlot] : [parentSlot, smallSlot];
}

/**
 * HistogramSearch over features from..to-1 on the calling thread. A feature's bins are always
 * summed by one thread over the node's rows in order, so searching the features in ranges on
 * several threads gives the same sums, and (ties keeping the lower feature) the same split.
 */
export class FeatureRangeSearch implements HistogramSearch {
  private readonly features: Int32Array;
  private readonly histogramSize: number;
  private stats: Float64Array = new Float64Array(0);
  private order: Int32Array = new Int32Array(0);
  private minSamplesLeaf = 1;

  private readonly slots: Float64Array[];
  private readonly growable: boolean;
  /** The gradient statistics over a range starting on a word of codes take the word-wise pass. */
  private readonly wordWise: boolean;

  /** `slots`, when given, are fixed (histograms in shared memory, one for every slot the grower may hand out); else they grow here. */
  constructor(
    private readonly binned: BinnedMatrix,
    private readonly criterion: SplitCriterion,
    private readonly from = 0,
    private readonly to = binned.cols,
    slots?: Float64Array[],
  ) {
    this.wordWise = criterion.gradient !== undefined && criterion.channels === 3 && from % 4 === 0;
    this.features = Int32Array.from({ length: to - from }, (_, i) => from + i);
    this.histogramSize = binned.cols * histogramStride(criterion.channels);
    this.slots = slots ?? [];
    this.growable = slots === undefined;
  }

  begin(stats: Float64Array, order: Int32Array, minSamplesLeaf: number): void {
    this.stats = stats;
    this.order = order;
    this.minSamplesLeaf = minSamplesLeaf;
  }

  /** Slots are allocated on first use and kept: a histogram per node would make the garbage collector the bottleneck. */
  private slot(index: number): Float64Array {
    if (!this.growable && index >= this.slots.length) throw new Error(`Histogram slot ${index} is beyond the ${this.slots.length} shared ones`);
    while (this.slots.length <= index) this.slots.push(new Float64Array(this.histogramSize));
    return this.slots[index]!;
  }

  root(slot: number, start: number, end: number, sums: Float64Array): Split | null {
    const hist = this.slot(slot);
    this.build(start, end, hist);
    return this.search(hist, sums);
  }

  private build(start: number, end: number, hist: Float64Array): void {
    if (this.wordWise) buildGradientHistogram(this.binned, this.stats, this.order, start, end, this.from, this.to, hist);
    else buildHistogram(this.binned, this.stats, this.criterion.channels, this.order, start, end, this.features, hist);
  }

  children(
    parentSlot: number,
    smallSlot: number,
    start: number,
    mid: number,
    end: number,
    left: ChildToSearch,
    right: ChildToSearch,
  ): [Split | null, Split | null] {
    const S = this.criterion.channels;
    const parent = this.slot(parentSlot);
    const small = this.slot(smallSlot);
    const leftSmaller = mid - start <= end - mid;
    if (leftSmaller) this.build(start, mid, small);
    else this.build(mid, end, small);
    subtractHistogramInPlace(this.binned, parent, small, this.features, S);
    const [leftHist, rightHist] = leftSmaller ? [small, parent] : [parent, small];
    return [left.search ? this.search(leftHist, left.sums) : null, right.search ? this.search(rightHist, right.sums) : null];
  }

  private search(hist: Float64Array, sums: Float64Array): Split | null {
    return findBestSplit(hist, this.binned, this.features, sums, this.criterion, this.minSamplesLeaf);
  }
}
