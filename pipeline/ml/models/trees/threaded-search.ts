import type { ModelThreadHost } from "../threads/model-threads";
import type { BinnedMatrix } from "./binning";
import type { Split } from "./find-split";
import { addHistogramInPlace, buildGradientHistogram, histogramStride, rowHalf } from "./histogram";
import { EveryFeatureSearch, type ChildToSearch, type HistogramSearch } from "./histogram-search";
import { joinPartitionedHalves, partitionRows, type RowSplit } from "./partition";
import type { SharedTreeMemoryMessage } from "./tree-thread-messages";
import type { ChunkHandler, WorkChannel } from "./work-channel";
import type { SplitCriterion } from "./split-criterion";

/** Shared histogram memory above this, and the fit searches on its own thread (shared slots cannot grow). */
const MAX_SHARED_HISTOGRAM_BYTES = 256 << 20;
/**
 * Nodes with at least this many rows are partitioned in two halves on two threads. A request
 * costs the grower about as much as partitioning 10,000 rows: below that it does them alone
 * (the result is the same order either way, see joinPartitionedHalves).
 */
const HALVED_PARTITION_ROWS = 16_384;

/** Chunk operations of growing a tree on threads (indexes into treeChunkHandlers). */
const HISTOGRAM_HALF = 0; // args: statistics index, slot, start, end
const PARTITION_HALF = 1; // args: feature, bin, missing left (0/1), start, end; result: where the half's right rows begin
/** Operations a fit may add after the tree's own. */
export const TREE_CHUNK_OPS = 2;
/** Chunks of every request: two row halves. */
export const ROW_HALVES = 2;

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
  host: ModelThreadHost,
  binned: BinnedMatrix,
  stats: Float64Array[],
  order: Int32Array,
  maxSlots: number,
): { memory: SharedTreeMemory; message: SharedTreeMemoryMessage } | undefined {
  const histogramBytes = binned.cols * histogramStride(3) * Float64Array.BYTES_PER_ELEMENT;
  if (maxSlots * histogramBytes > MAX_SHARED_HISTOGRAM_BYTES) return undefined;
  const message: SharedTreeMemoryMessage = {
    bins: binned.bins,
    columns: binned.columns,
    rows: binned.rows,
    cols: binned.cols,
    binCounts: binned.binCounts,
    stats,
    order,
    scratch: new Int32Array(host.shared(binned.rows * Int32Array.BYTES_PER_ELEMENT)),
    slots: host.shared(maxSlots * histogramBytes) as SharedArrayBuffer,
    maxSlots,
    secondHalf: host.shared(histogramBytes) as SharedArrayBuffer,
  };
  return { memory: { ...sharedTreeMemory(message), binned }, message };
}

/** A helper's view of the memory shareTreeMemory gave the grower. */
export function sharedTreeMemory(message: SharedTreeMemoryMessage): SharedTreeMemory {
  const { bins, columns, rows, cols, binCounts, stats, order, scratch, slots, maxSlots, secondHalf } = message;
  const binned = { bins, columns, rows, cols, binCounts, thresholds: [] };
  const size = cols * histogramStride(3);
  const views = Array.from({ length: maxSlots }, (_, i) => new Float64Array(slots, i * size * Float64Array.BYTES_PER_ELEMENT, size));
  return { binned, stats, order, scratch, slots: views, secondHalf: new Float64Array(secondHalf) };
}

/** A tree's chunk work, the same on every thread: a histogram's row half, a partition's row half. */
export function treeChunkHandlers(memory: SharedTreeMemory): ChunkHandler[] {
  const { binned, stats, order, scratch, slots, secondHalf } = memory;
  const histogramHalf: ChunkHandler = (half, args) => {
    const [from, to] = rowHalf(args[2]!, args[3]!, half === 0 ? 0 : 1);
    const target = half === 0 ? slots[args[1]!] : secondHalf;
    if (target === undefined) throw new Error(`Histogram slot ${args[1]} is beyond the ${slots.length} shared ones`);
    buildGradientHistogram(binned, stats[args[0]!]!, order, from, to, 0, binned.cols, target);
    return 0;
  };
  const partitionHalf: ChunkHandler = (half, args) => {
    const [start, end] = [args[3]!, args[4]!];
    const middle = start + ((end - start) >>> 1);
    const split = { feature: args[0]!, bin: args[1]!, missingLeft: args[2] === 1 };
    return half === 0 ? partitionRows(binned, order, scratch, start, middle, split) : partitionRows(binned, order, scratch, middle, end, split);
  };
  return [histogramHalf, partitionHalf];
}

/**
 * HistogramSearch whose gradient histograms are built, and large nodes partitioned, in row halves
 * that this thread and the host's model threads claim request by request (see WorkChannel), in
 * shared memory; the split search runs here. The halves add up in the same order as on one thread,
 * so the trees are the one-thread trees. Every tree must use one of the statistics arrays and the
 * row order in `memory`. `handlers` are treeChunkHandlers' and any the fit adds after them.
 */
export class ThreadedHistogramSearch implements HistogramSearch {
  private statsIndex = 0;
  private readonly search: EveryFeatureSearch;

  constructor(
    criterion: SplitCriterion,
    private readonly channel: WorkChannel,
    private readonly handlers: readonly ChunkHandler[],
    private readonly memory: SharedTreeMemory,
  ) {
    if (!criterion.gradient || criterion.channels !== 3) throw new Error("Split search on threads supports the gradient criterion only");
    this.search = new EveryFeatureSearch(memory.binned, criterion, memory.slots, (slot, start, end) => this.build(slot, start, end));
  }

  begin(stats: Float64Array, order: Int32Array, minSamplesLeaf: number): void {
    this.statsIndex = this.memory.stats.indexOf(stats);
    if (this.statsIndex < 0 || order !== this.memory.order) throw new Error("A tree must use the statistics and row order shared with the threads");
    this.search.begin(stats, order, minSamplesLeaf);
  }

  /** A small node is built here alone; a halved one with a helper, the second half then added to the first. */
  private build(slot: number, start: number, end: number): void {
    const { binned, stats, order, slots } = this.memory;
    const [from, to] = rowHalf(start, end, 1);
    if (from === to) {
      buildGradientHistogram(binned, stats[this.statsIndex]!, order, start, end, 0, binned.cols, slots[slot]!);
      return;
    }
    this.channel.run(this.handlers, HISTOGRAM_HALF, this.statsIndex, slot, start, end);
    addHistogramInPlace(binned, slots[slot]!, this.memory.secondHalf, 3);
  }

  partition(start: number, end: number, split: RowSplit): number {
    const { binned, order, scratch } = this.memory;
    if (end - start < HALVED_PARTITION_ROWS) return partitionRows(binned, order, scratch, start, end, split);
    const leftEnds = this.channel.run(this.handlers, PARTITION_HALF, split.feature, split.bin, split.missingLeft ? 1 : 0, start, end);
    return joinPartitionedHalves(order, scratch, start, start + ((end - start) >>> 1), end, leftEnds[0]!, leftEnds[1]!);
  }

  root(slot: number, start: number, end: number, sums: Float64Array): Split | null {
    return this.search.root(slot, start, end, sums);
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
    return this.search.children(parentSlot, smallSlot, start, mid, end, left, right);
  }
}
