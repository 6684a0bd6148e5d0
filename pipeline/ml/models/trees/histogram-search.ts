import type { BinnedMatrix } from "./binning";
import { findBestSplit, type Split } from "./find-split";
import { addHistogramInPlace, buildGradientHistogram, buildHistogram, histogramStride, rowHalf, subtractHistogramInPlace } from "./histogram";
import { partitionRows, type RowSplit } from "./partition";
import { GRADIENT_CHANNELS, type SplitCriterion } from "./split-criterion";

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
  /** Partitions order[start..end) at `split` as partitionRows does (the same order) and returns where the right rows begin. */
  partition(start: number, end: number, split: RowSplit): number;
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
 * HistogramSearch over every feature, on this thread. Gradient histograms are built in row halves
 * (rowHalf), as threaded-search.ts shares them with a helper thread, so both add the same sums.
 */
export class EveryFeatureSearch implements HistogramSearch {
  private readonly features: Int32Array;
  private readonly histogramSize: number;
  private stats: Float64Array = new Float64Array(0);
  private order: Int32Array = new Int32Array(0);
  private minSamplesLeaf = 1;

  private readonly slots: Float64Array[] = [];
  /** The second half's sums, before they are added to the first's. */
  private secondHalf: Float64Array | undefined;
  private scratch: Int32Array | undefined;
  private readonly build: (slot: number, start: number, end: number) => void;

  constructor(
    private readonly binned: BinnedMatrix,
    private readonly criterion: SplitCriterion,
  ) {
    this.features = Int32Array.from({ length: binned.cols }, (_, i) => i);
    this.histogramSize = binned.cols * histogramStride(criterion.channels);
    const gradient = criterion.gradient !== undefined;
    this.build = gradient ? (slot, start, end) => this.buildHalves(slot, start, end) : (slot, start, end) => this.buildWhole(slot, start, end);
  }

  begin(stats: Float64Array, order: Int32Array, minSamplesLeaf: number): void {
    this.stats = stats;
    this.order = order;
    this.minSamplesLeaf = minSamplesLeaf;
  }

  /** Slots are allocated on first use and kept: a histogram per node would make the garbage collector the bottleneck. */
  slot(index: number): Float64Array {
    while (this.slots.length <= index) this.slots.push(new Float64Array(this.histogramSize));
    return this.slots[index]!;
  }

  private buildWhole(slot: number, start: number, end: number): void {
    buildHistogram(this.binned, this.stats, this.criterion.channels, this.order, start, end, this.features, this.slot(slot));
  }

  private buildHalves(slot: number, start: number, end: number): void {
    const hist = this.slot(slot);
    const [a, b] = rowHalf(start, end, 0);
    buildGradientHistogram(this.binned, this.stats, this.order, a, b, 0, this.binned.cols, hist);
    const [c, d] = rowHalf(start, end, 1);
    if (c === d) return;
    this.secondHalf ??= new Float64Array(this.histogramSize);
    buildGradientHistogram(this.binned, this.stats, this.order, c, d, 0, this.binned.cols, this.secondHalf);
    addHistogramInPlace(this.binned, hist, this.secondHalf, this.features, GRADIENT_CHANNELS);
  }

  root(slot: number, start: number, end: number, sums: Float64Array): Split | null {
    this.build(slot, start, end);
    return this.search(this.slot(slot), sums);
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
    const leftSmaller = mid - start <= end - mid;
    if (leftSmaller) this.build(smallSlot, start, mid);
    else this.build(smallSlot, mid, end);
    const parent = this.slot(parentSlot);
    const small = this.slot(smallSlot);
    subtractHistogramInPlace(this.binned, parent, small, this.features, S);
    const [leftHist, rightHist] = leftSmaller ? [small, parent] : [parent, small];
    return [left.search ? this.search(leftHist, left.sums) : null, right.search ? this.search(rightHist, right.sums) : null];
  }

  partition(start: number, end: number, split: RowSplit): number {
    this.scratch ??= new Int32Array(this.binned.rows);
    return partitionRows(this.binned, this.order, this.scratch, start, end, split);
  }

  private search(hist: Float64Array, sums: Float64Array): Split | null {
    return findBestSplit(hist, this.binned, this.features, sums, this.criterion, this.minSamplesLeaf);
  }
}
