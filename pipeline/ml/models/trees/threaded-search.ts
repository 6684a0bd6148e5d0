import type { BufferSource } from "../threads/model-threads";
import type { BinnedMatrix } from "./binning";
import { betterSplit, findBestSplit, type Split } from "./find-split";
import { addHistogramInPlace, buildGradientHistogram, histogramStride, rowHalf, subtractHistogramInPlace } from "./histogram";
import type { ChildToSearch, HistogramSearch } from "./histogram-search";
import { halfway, joinPartitionedHalves, partitionRows, type RowSplit } from "./partition";
import type { SharedTreeMemoryMessage } from "./tree-thread-messages";
import type { ChunkHandler, WorkChannel } from "./work-channel";
import { readSplit, SPLIT_FLOATS, writeSplit } from "./split-codec";
import { GRADIENT_CHANNELS, type SplitCriterion } from "./split-criterion";

/** Shared histogram memory above this, and the fit searches on its own thread (shared slots cannot grow). */
const MAX_SHARED_HISTOGRAM_BYTES = 256 << 20;
/**
 * Nodes with at least this many rows are partitioned in two halves on two threads; smaller ones
 * here alone (the result is the same order either way, see joinPartitionedHalves). 6,144 against
 * 16,384 rows: 0.98x per pair of alternated fits (median of 12, 100k x 20).
 */
const HALVED_PARTITION_ROWS = 6_144;

/** Chunk operations of growing a tree on threads (indexes into treeChunkHandlers). */
const HISTOGRAM_HALF = 0; // ints: statistics index, slot, start, end
const PARTITION_HALF = 1; // ints: feature, bin, missing left (0/1), start, end; out[0]: where the half's right rows begin
const SEARCH_ROOT = 2; // ints: slot, halved (0/1), min samples per leaf; floats: the node's sums
const SEARCH_CHILDREN = 3; // ints: parent slot, small slot, left smaller, halved, search left, search right, min samples per leaf; floats: left sums, right sums
/** Operations a fit may add after the tree's own. */
export const TREE_CHUNK_OPS = 4;
/** Chunks of every request: two halves of the rows, or of the features. */
export const HALVES = 2;
/** Floats of a chunk's answer: two encoded splits (see writeSplit). */
export const TREE_CHUNK_FLOATS = 2 * SPLIT_FLOATS;

/** What the grower and its helpers share for growing trees: binned rows, statistics, row order and histograms, all in shared memory. */
export interface SharedTreeMemory {
  binned: BinnedMatrix;
  stats: Float64Array[];
  order: Int32Array;
  /** Partitions' scratch rows, one per row. */
  scratch: Int32Array;
  /** One gradient histogram per slot the grower may hand out. */
  slots: Float64Array[];
  /** The second row half's histogram, before it is added to the first's. */
  secondHalf: Float64Array;
}

/**
 * The histograms and scratch rows for growing trees over `binned` on threads, in the host's
 * shared memory, with what a helper needs to see them; undefined where the histograms for
 * `maxSlots` slots would be too large. binned, stats and order must be in shared memory.
 */
export function shareTreeMemory(
  allocate: BufferSource,
  binned: BinnedMatrix,
  stats: Float64Array[],
  order: Int32Array,
  maxSlots: number,
): { memory: SharedTreeMemory; message: SharedTreeMemoryMessage } | undefined {
  const histogramBytes = binned.cols * histogramStride(GRADIENT_CHANNELS) * Float64Array.BYTES_PER_ELEMENT;
  if (maxSlots * histogramBytes > MAX_SHARED_HISTOGRAM_BYTES) return undefined;
  const message: SharedTreeMemoryMessage = {
    bins: binned.bins,
    columns: binned.columns,
    rows: binned.rows,
    cols: binned.cols,
    binCounts: binned.binCounts,
    stats,
    order,
    scratch: new Int32Array(allocate(binned.rows * Int32Array.BYTES_PER_ELEMENT)),
    slots: allocate(maxSlots * histogramBytes) as SharedArrayBuffer,
    maxSlots,
    secondHalf: allocate(histogramBytes) as SharedArrayBuffer,
  };
  return { memory: { ...sharedTreeMemory(message), binned }, message };
}

/** A helper's view of the memory shareTreeMemory gave the grower. */
export function sharedTreeMemory(message: SharedTreeMemoryMessage): SharedTreeMemory {
  const { bins, columns, rows, cols, binCounts, stats, order, scratch, slots, maxSlots, secondHalf } = message;
  const binned = { bins, columns, rows, cols, binCounts, thresholds: [] };
  const size = cols * histogramStride(GRADIENT_CHANNELS);
  const views = Array.from({ length: maxSlots }, (_, i) => new Float64Array(slots, i * size * Float64Array.BYTES_PER_ELEMENT, size));
  return { binned, stats, order, scratch, slots: views, secondHalf: new Float64Array(secondHalf) };
}

/** The features of each half for the split search: the first ceil(cols / 2), then the rest. */
function featureHalves(cols: number): [Int32Array, Int32Array] {
  const all = Int32Array.from({ length: cols }, (_, f) => f);
  const middle = (cols + 1) >>> 1;
  return [all.subarray(0, middle), all.subarray(middle)];
}

/**
 * A tree's chunk work, the same on every thread: a histogram's or a partition's row half, and a
 * split search's feature half (after adding the second row half's histogram, and for children
 * after taking the larger child's histogram by subtraction, on the same features).
 */
export function treeChunkHandlers(memory: SharedTreeMemory, criterion: SplitCriterion): ChunkHandler[] {
  const { binned, stats, order, scratch, slots, secondHalf } = memory;
  const features = featureHalves(binned.cols);
  const slot = (index: number) => {
    const histogram = slots[index];
    if (histogram === undefined) throw new Error(`Histogram slot ${index} is beyond the ${slots.length} shared ones`);
    return histogram;
  };
  const histogramHalf: ChunkHandler = (half, ints) => {
    const [from, to] = rowHalf(ints[2]!, ints[3]!, half === 0 ? 0 : 1);
    buildGradientHistogram(binned, stats[ints[0]!]!, order, from, to, 0, binned.cols, half === 0 ? slot(ints[1]!) : secondHalf);
  };
  const partitionHalf: ChunkHandler = (half, ints, _floats, out) => {
    const [start, end] = [ints[3]!, ints[4]!];
    const middle = halfway(start, end);
    const split = { feature: ints[0]!, bin: ints[1]!, missingLeft: ints[2] === 1 };
    out[0] = half === 0 ? partitionRows(binned, order, scratch, start, middle, split) : partitionRows(binned, order, scratch, middle, end, split);
  };
  const searchRoot: ChunkHandler = (half, ints, floats, out) => {
    const histogram = slot(ints[0]!);
    if (ints[1] === 1) addHistogramInPlace(binned, histogram, secondHalf, features[half]!, GRADIENT_CHANNELS);
    writeSplit(out, 0, findBestSplit(histogram, binned, features[half]!, floats.subarray(0, GRADIENT_CHANNELS), criterion, ints[2]!));
  };
  const searchChildren: ChunkHandler = (half, ints, floats, out) => {
    const [parent, small] = [slot(ints[0]!), slot(ints[1]!)];
    const own = features[half]!;
    if (ints[3] === 1) addHistogramInPlace(binned, small, secondHalf, own, GRADIENT_CHANNELS);
    subtractHistogramInPlace(binned, parent, small, own, GRADIENT_CHANNELS);
    const [left, right] = ints[2] === 1 ? [small, parent] : [parent, small];
    writeSplit(out, 0, ints[4] === 1 ? findBestSplit(left, binned, own, floats.subarray(0, GRADIENT_CHANNELS), criterion, ints[6]!) : null);
    writeSplit(
      out,
      SPLIT_FLOATS,
      ints[5] === 1 ? findBestSplit(right, binned, own, floats.subarray(GRADIENT_CHANNELS, 2 * GRADIENT_CHANNELS), criterion, ints[6]!) : null,
    );
  };
  return [histogramHalf, partitionHalf, searchRoot, searchChildren];
}

/**
 * HistogramSearch whose work is shared, request by request (see WorkChannel), between this thread
 * and the host's model threads, in shared memory: a node's gradient histogram is built in two row
 * halves, large nodes are partitioned in two row halves, and the split search (with the histogram
 * additions and subtractions before it) runs in two feature halves. Every half adds the same
 * numbers in the same order as one thread, and the halves' splits are merged as one search over
 * every feature picks, so the trees are the one-thread trees (EveryFeatureSearch's). Every tree
 * must use one of the statistics arrays and the row order in `memory`. `handlers` are
 * treeChunkHandlers' and any the fit adds after them.
 */
export class ThreadedHistogramSearch implements HistogramSearch {
  private statsIndex = 0;
  private minSamplesLeaf = 1;

  constructor(
    private readonly channel: WorkChannel,
    private readonly handlers: readonly ChunkHandler[],
    private readonly memory: SharedTreeMemory,
  ) {}

  begin(stats: Float64Array, order: Int32Array, minSamplesLeaf: number): void {
    this.statsIndex = this.memory.stats.indexOf(stats);
    if (this.statsIndex < 0 || order !== this.memory.order) throw new Error("A tree must use the statistics and row order shared with the threads");
    this.minSamplesLeaf = minSamplesLeaf;
  }

  /** Builds a node's histogram: a small node here alone, a halved one with a helper (the second half is added by the search). Returns 1 when halved. */
  private build(slot: number, start: number, end: number): number {
    const { binned, stats, order, slots } = this.memory;
    const [from, to] = rowHalf(start, end, 1);
    if (from === to) {
      buildGradientHistogram(binned, stats[this.statsIndex]!, order, start, end, 0, binned.cols, slots[slot]!);
      return 0;
    }
    this.channel.run(this.handlers, HISTOGRAM_HALF, [this.statsIndex, slot, start, end]);
    return 1;
  }

  root(slot: number, start: number, end: number, sums: Float64Array): Split | null {
    const halved = this.build(slot, start, end);
    const outs = this.channel.run(this.handlers, SEARCH_ROOT, [slot, halved, this.minSamplesLeaf], sums);
    return betterSplit(readSplit(outs[0]!, 0), readSplit(outs[1]!, 0));
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
    const leftSmaller = mid - start <= end - mid;
    const halved = leftSmaller ? this.build(smallSlot, start, mid) : this.build(smallSlot, mid, end);
    const ints = [parentSlot, smallSlot, leftSmaller ? 1 : 0, halved, left.search ? 1 : 0, right.search ? 1 : 0, this.minSamplesLeaf];
    const [first, second] = this.channel.run(this.handlers, SEARCH_CHILDREN, ints, [...left.sums, ...right.sums]);
    return [betterSplit(readSplit(first!, 0), readSplit(second!, 0)), betterSplit(readSplit(first!, SPLIT_FLOATS), readSplit(second!, SPLIT_FLOATS))];
  }

  partition(start: number, end: number, split: RowSplit): number {
    const { binned, order, scratch } = this.memory;
    if (end - start < HALVED_PARTITION_ROWS) return partitionRows(binned, order, scratch, start, end, split);
    const [first, second] = this.channel.run(this.handlers, PARTITION_HALF, [split.feature, split.bin, split.missingLeft ? 1 : 0, start, end]);
    return joinPartitionedHalves(order, scratch, start, end, first![0]!, second![0]!);
  }
}
