import type { ModelThread, ModelThreadHost } from "../threads/model-threads";
import type { BinnedMatrix } from "./binning";
import type { Split } from "./find-split";
import { addHistogramInPlace, buildGradientHistogram, histogramStride, rowHalf } from "./histogram";
import { EveryFeatureSearch, type ChildToSearch, type HistogramSearch } from "./histogram-search";
import { SearchChannel, searchChannelBytes } from "./search-channel";
import type { HistogramSearchInit } from "./search-messages";
import type { SplitCriterion } from "./split-criterion";

/** Shared histogram memory above this, and the fit searches on its own thread (shared slots cannot grow). */
const MAX_SHARED_HISTOGRAM_BYTES = 256 << 20;
/** The channel's work items: the two row halves of a histogram. */
const HALVES = 2;

/**
 * One row half of a node's gradient histogram, as a channel work item: half 0 into the node's
 * slot, half 1 into the shared second-half histogram. Built the same way on every thread.
 */
class RowHalfBuild implements HistogramSearch {
  private stats: Float64Array = new Float64Array(0);
  private order: Int32Array = new Int32Array(0);

  constructor(
    private readonly binned: BinnedMatrix,
    private readonly half: 0 | 1,
    private readonly slots: Float64Array[],
    private readonly secondHalf: Float64Array,
  ) {}

  begin(stats: Float64Array, order: Int32Array): void {
    this.stats = stats;
    this.order = order;
  }

  root(slot: number, start: number, end: number): Split | null {
    const [from, to] = rowHalf(start, end, this.half);
    const target = this.half === 0 ? this.slots[slot] : this.secondHalf;
    if (target === undefined) throw new Error(`Histogram slot ${slot} is beyond the ${this.slots.length} shared ones`);
    buildGradientHistogram(this.binned, this.stats, this.order, from, to, 0, this.binned.cols, target);
    return null;
  }

  children(): [Split | null, Split | null] {
    throw new Error("A row half builds histograms only");
  }
}

/** The gradient histograms in the shared slots, one view per slot. */
function slotViews(binned: BinnedMatrix, slots: SharedArrayBuffer, maxSlots: number): Float64Array[] {
  const size = binned.cols * histogramStride(3);
  return Array.from({ length: maxSlots }, (_, i) => new Float64Array(slots, i * size * Float64Array.BYTES_PER_ELEMENT, size));
}

/** Both halves' work items over the shared slots and second-half histogram, as each thread holds them. */
export function rowHalfBuilds(binned: BinnedMatrix, slots: SharedArrayBuffer, maxSlots: number, secondHalf: SharedArrayBuffer): RowHalfBuild[] {
  const views = slotViews(binned, slots, maxSlots);
  const second = new Float64Array(secondHalf);
  return [new RowHalfBuild(binned, 0, views, second), new RowHalfBuild(binned, 1, views, second)];
}

/**
 * HistogramSearch whose gradient histograms are built in row halves (see rowHalf) that this
 * thread and the host's model threads claim request by request (see SearchChannel), on
 * histograms in shared memory; the split search runs here. The halves are added in the same
 * order as on one thread, so the splits are the one-thread search's. Every tree must use one of
 * the statistics arrays and the row order given at the start, all in the host's shared memory.
 * stop() releases the threads.
 */
export class ThreadedHistogramSearch implements HistogramSearch {
  private statsIndex = 0;
  private minLeaf = 1;
  private readonly search: EveryFeatureSearch;
  private readonly noSums = new Float64Array(3);

  private constructor(
    private readonly binned: BinnedMatrix,
    criterion: SplitCriterion,
    private readonly channel: SearchChannel,
    private readonly halves: RowHalfBuild[],
    private readonly slots: Float64Array[],
    private readonly secondHalf: Float64Array,
    private readonly stats: Float64Array[],
    private readonly order: Int32Array,
  ) {
    this.search = new EveryFeatureSearch(binned, criterion, slots, (slot, start, end) => this.build(slot, start, end));
  }

  /**
   * Starts the search on `threads`, or returns undefined where it would not fit (histograms for
   * `maxSlots` slots too large). binned, stats and order must be in shared memory.
   */
  static start(
    threads: ModelThread[],
    host: ModelThreadHost,
    binned: BinnedMatrix,
    criterion: SplitCriterion,
    stats: Float64Array[],
    order: Int32Array,
    maxSlots: number,
  ): ThreadedHistogramSearch | undefined {
    if (!criterion.gradient || criterion.channels !== 3) throw new Error("Split search on threads supports the gradient criterion only");
    const histogramBytes = binned.cols * histogramStride(3) * Float64Array.BYTES_PER_ELEMENT;
    if (threads.length === 0 || maxSlots * histogramBytes > MAX_SHARED_HISTOGRAM_BYTES) return undefined;
    const slots = host.shared(maxSlots * histogramBytes) as SharedArrayBuffer;
    const secondHalf = host.shared(histogramBytes) as SharedArrayBuffer;
    const channelBuffer = host.shared(searchChannelBytes(3, HALVES)) as SharedArrayBuffer;
    const init: HistogramSearchInit = {
      type: "histogram-search-init",
      bins: binned.bins,
      columns: binned.columns,
      rows: binned.rows,
      cols: binned.cols,
      binCounts: binned.binCounts,
      stats,
      order,
      channel: channelBuffer,
      slots,
      maxSlots,
      secondHalf,
    };
    for (const thread of threads) thread.postMessage(init);
    const channel = new SearchChannel(channelBuffer, 3, HALVES, stats, order);
    const halves = rowHalfBuilds(binned, slots, maxSlots, secondHalf);
    return new ThreadedHistogramSearch(binned, criterion, channel, halves, slotViews(binned, slots, maxSlots), new Float64Array(secondHalf), stats, order);
  }

  begin(stats: Float64Array, order: Int32Array, minSamplesLeaf: number): void {
    this.statsIndex = this.stats.indexOf(stats);
    if (this.statsIndex < 0 || order !== this.order) throw new Error("A tree must use the statistics and row order shared with the search threads");
    this.minLeaf = minSamplesLeaf;
    this.search.begin(stats, order, minSamplesLeaf);
    this.halves[0]!.begin(stats, order);
  }

  /** A small node is built here alone; a halved one with a helper, the second half then added to the first. */
  private build(slot: number, start: number, end: number): void {
    const [from, to] = rowHalf(start, end, 1);
    if (from === to) {
      this.halves[0]!.root(slot, start, end);
      return;
    }
    this.channel.root(this.halves, this.statsIndex, this.minLeaf, slot, start, end, this.noSums);
    addHistogramInPlace(this.binned, this.slots[slot]!, this.secondHalf, 3);
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

  /** Lets the threads go back to their event loops (they take no messages while they serve). */
  stop(): void {
    this.channel.stop();
  }
}
