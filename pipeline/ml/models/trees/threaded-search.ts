import type { ModelThread, ModelThreadHost } from "../threads/model-threads";
import type { BinnedMatrix } from "./binning";
import type { Split } from "./find-split";
import { histogramStride } from "./histogram";
import { FeatureRangeSearch, type ChildToSearch, type HistogramSearch } from "./histogram-search";
import { SearchChannel, searchChannelBytes } from "./search-channel";
import type { HistogramSearchInit } from "./search-messages";
import type { SplitCriterion } from "./split-criterion";

/** Chunks per thread: a few, so that a thread slowed by other work leaves its share to the others. */
const CHUNKS_PER_THREAD = 2;
/** Fewer features than this per chunk, and the per-row cost of a histogram pass outweighs what a chunk shares. */
const MIN_CHUNK_FEATURES = 4;
/** Shared histogram memory above this, and the fit searches on its own thread (shared slots cannot grow). */
const MAX_SHARED_HISTOGRAM_BYTES = 256 << 20;

/** Each chunk's search over the shared histogram slots, built the same way on every thread. */
export function chunkSearches(
  binned: BinnedMatrix,
  criterion: SplitCriterion,
  slots: SharedArrayBuffer,
  maxSlots: number,
  bounds: Int32Array,
): FeatureRangeSearch[] {
  const size = binned.cols * histogramStride(criterion.channels);
  const views = Array.from({ length: maxSlots }, (_, i) => new Float64Array(slots, i * size * Float64Array.BYTES_PER_ELEMENT, size));
  return Array.from({ length: bounds.length - 1 }, (_, i) => new FeatureRangeSearch(binned, criterion, bounds[i]!, bounds[i + 1]!, views));
}

/** Ties keep the lower feature, as one thread scanning every feature in order would. */
function better(best: Split | null, candidate: Split | null): Split | null {
  return candidate && (!best || candidate.gain > best.gain) ? candidate : best;
}

/**
 * HistogramSearch with the features in contiguous chunks that the calling thread and the host's
 * model threads claim request by request (see SearchChannel), on histograms in shared memory.
 * A feature's bins are summed by one thread over the node's rows in order, whichever it is, and
 * chunks are merged in feature order, so the splits are the single-thread search's. Every tree
 * must use one of the statistics arrays and the row order given at the start, all in the host's
 * shared memory. stop() releases the threads.
 */
export class ThreadedHistogramSearch implements HistogramSearch {
  private statsIndex = 0;
  private minLeaf = 1;

  private constructor(
    private readonly channel: SearchChannel,
    private readonly searches: HistogramSearch[],
    private readonly stats: Float64Array[],
    private readonly order: Int32Array,
  ) {}

  /**
   * Starts the search on `threads`, or returns undefined where it would not pay (too few features)
   * or not fit (histograms for `maxSlots` slots too large). binned, stats and order must be in shared memory.
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
    if (!criterion.gradient) throw new Error("Split search on threads supports the gradient criterion only");
    const chunks = Math.min((threads.length + 1) * CHUNKS_PER_THREAD, Math.floor(binned.cols / MIN_CHUNK_FEATURES));
    const histogramBytes = binned.cols * histogramStride(criterion.channels) * Float64Array.BYTES_PER_ELEMENT;
    if (chunks < 2 || threads.length === 0 || maxSlots * histogramBytes > MAX_SHARED_HISTOGRAM_BYTES) return undefined;
    // Chunks start on a word of codes (4 features), which the word-wise histogram pass needs.
    const words = Math.ceil(binned.cols / 4);
    const bounds = Int32Array.from({ length: chunks + 1 }, (_, i) => Math.min(binned.cols, 4 * Math.floor((i * words) / chunks)));
    const slots = host.shared(maxSlots * histogramBytes) as SharedArrayBuffer;
    const channelBuffer = host.shared(searchChannelBytes(criterion.channels, chunks)) as SharedArrayBuffer;
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
      bounds,
      l2: criterion.gradient.l2,
      minHessian: criterion.gradient.minHessian,
    };
    for (const thread of threads) thread.postMessage(init);
    const channel = new SearchChannel(channelBuffer, criterion.channels, chunks, stats, order);
    return new ThreadedHistogramSearch(channel, chunkSearches(binned, criterion, slots, maxSlots, bounds), stats, order);
  }

  begin(stats: Float64Array, order: Int32Array, minSamplesLeaf: number): void {
    this.statsIndex = this.stats.indexOf(stats);
    if (this.statsIndex < 0 || order !== this.order) throw new Error("A tree must use the statistics and row order shared with the search threads");
    this.minLeaf = minSamplesLeaf;
  }

  root(slot: number, start: number, end: number, sums: Float64Array): Split | null {
    return this.channel.root(this.searches, this.statsIndex, this.minLeaf, slot, start, end, sums).reduce(better, null);
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
    const answers = this.channel.children(this.searches, this.statsIndex, this.minLeaf, parentSlot, smallSlot, start, mid, end, left, right);
    let bestLeft: Split | null = null;
    let bestRight: Split | null = null;
    for (const [leftSplit, rightSplit] of answers) {
      bestLeft = better(bestLeft, leftSplit);
      bestRight = better(bestRight, rightSplit);
    }
    return [bestLeft, bestRight];
  }

  /** Lets the threads go back to their event loops (they take no messages while they serve). */
  stop(): void {
    this.channel.stop();
  }
}
