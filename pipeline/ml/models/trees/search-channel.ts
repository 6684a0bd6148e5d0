import type { Split } from "./find-split";
import type { HistogramSearch } from "./histogram-search";

/**
 * One request at a time from the thread growing a tree to the threads that help it, in shared
 * memory: the request's work comes in chunks (a histogram's two row halves), and every thread (the grower included) claims
 * chunks until none is left. A helper that is asleep, still starting, or not given the CPU by a
 * busy machine simply claims nothing, and the grower does the chunks itself instead of waiting;
 * the grower only ever waits for chunks a helper has started. A tree makes about 30 requests in
 * a few milliseconds; a message each way would cost tens of microseconds and a turn of the event
 * loop, a claim is one atomic add.
 */

/** Int32 slots of the control block. */
const CLAIM = 0; // request number << 8 | chunks claimed so far; request 0 is none
const FINISHED = 1; // chunks of the current request finished by helpers
const OP = 2;
const STATS = 3; // which of the fit's statistics arrays the tree uses
const MIN_LEAF = 4;
const SLOT = 5; // the node's slot
const START = 6;
const END = 7;
const FAILED = 8;
const ERROR_LENGTH = 9;
const CONTROL_INTS = 16;
const ERROR_CHARS = 400;

const ROOT = 1;
const STOP = 2;

/** Chunks per request at most: the claim counter's low byte. */
export const MAX_CHUNKS = 128;
/** A helper spins this long for the next request before sleeping: requests come every few µs to ms. */
const HELPER_SPIN_MS = 0.3;
/** A grower waiting this long for a started chunk gives up: the helper died or hangs. */
const ANSWER_TIMEOUT_MS = 120_000;

/** Floats per encoded split: feature (-1: none), bin, missingLeft, gain, then the left and right sums. */
const splitFloats = (channels: number) => 4 + 2 * channels;

export function searchChannelBytes(channels: number, chunks: number): number {
  return CONTROL_INTS * 4 + ERROR_CHARS * 2 + (channels + chunks * splitFloats(channels)) * 8;
}

/** Per chunk, the HistogramSearch over its features (on histograms in shared memory), as each thread holds them. */
export type ChunkSearches = HistogramSearch[];

export class SearchChannel {
  private readonly control: Int32Array;
  private readonly errorText: Uint16Array;
  /** The request's sums [0, S), then one answer per chunk. */
  private readonly floats: Float64Array;
  private seq = 0;

  /** `stats` and `order` are the fit's statistics arrays and row order, the same on every side. */
  constructor(
    readonly buffer: SharedArrayBuffer,
    private readonly channels: number,
    private readonly chunks: number,
    private readonly stats: Float64Array[],
    private readonly order: Int32Array,
  ) {
    if (chunks < 1 || chunks > MAX_CHUNKS) throw new Error(`A search channel takes 1 to ${MAX_CHUNKS} chunks, got ${chunks}`);
    this.control = new Int32Array(buffer, 0, CONTROL_INTS);
    this.errorText = new Uint16Array(buffer, CONTROL_INTS * 4, ERROR_CHARS);
    this.floats = new Float64Array(buffer, CONTROL_INTS * 4 + ERROR_CHARS * 2, channels + chunks * splitFloats(channels));
  }

  // The grower's side.

  /** Searches the root over every chunk, with the helpers, and returns each chunk's split in chunk order. */
  root(searches: ChunkSearches, stats: number, minLeaf: number, slot: number, start: number, end: number, sums: Float64Array): (Split | null)[] {
    this.floats.set(sums, 0);
    this.publish(ROOT, stats, minLeaf, slot, start, end);
    this.work(searches);
    return Array.from({ length: this.chunks }, (_, chunk) => this.split(chunk));
  }

  /**
   * Tells the helpers to return to their event loops, without waiting: one still starting (or
   * one that died) must not hold up the fit, and a helper takes its next message only after this.
   */
  stop(): void {
    this.publish(STOP, 0, 0, 0, 0, 0);
  }

  private publish(op: number, stats: number, minLeaf: number, slot: number, start: number, end: number) {
    const c = this.control;
    c[OP] = op;
    c[STATS] = stats;
    c[MIN_LEAF] = minLeaf;
    c[SLOT] = slot;
    c[START] = start;
    c[END] = end;
    Atomics.store(c, FINISHED, 0);
    this.seq = (this.seq + 1) & 0x7fffff || 1;
    // The sequentially consistent store publishes the fields above with it.
    Atomics.store(c, CLAIM, this.seq << 8);
    Atomics.notify(c, CLAIM);
  }

  /** Claims and searches chunks until none is left, then waits for those the helpers claimed. */
  private work(searches: ChunkSearches): void {
    let mine = 0;
    for (;;) {
      const chunk = Atomics.add(this.control, CLAIM, 1) & 255;
      if (chunk >= this.chunks) break;
      this.searchChunk(searches[chunk]!, chunk);
      mine++;
    }
    if (mine < this.chunks) this.awaitFinished(this.chunks - mine);
    else this.checkFailed();
  }

  private awaitFinished(count: number): void {
    const c = this.control;
    for (let spin = 0; spin < 4096; spin++) if (Atomics.load(c, FINISHED) >= count) return this.checkFailed();
    const started = performance.now();
    for (;;) {
      const finished = Atomics.load(c, FINISHED);
      if (finished >= count) return this.checkFailed();
      if (performance.now() - started > ANSWER_TIMEOUT_MS) throw new Error("A model thread stopped answering split searches");
      Atomics.wait(c, FINISHED, finished, 1000);
    }
  }

  private checkFailed(): void {
    if (this.control[FAILED] === 0) return;
    const text = String.fromCharCode(...this.errorText.subarray(0, this.control[ERROR_LENGTH]!));
    throw new Error(`A model thread failed searching splits: ${text}`);
  }

  /** Chunk `chunk`'s split. */
  private split(chunk: number): Split | null {
    const S = this.channels;
    const at = S + chunk * splitFloats(S);
    const f = this.floats;
    if (f[at]! < 0) return null;
    return {
      feature: f[at]!,
      bin: f[at + 1]!,
      missingLeft: f[at + 2] === 1,
      gain: f[at + 3]!,
      leftSums: f.slice(at + 4, at + 4 + S),
      rightSums: f.slice(at + 4 + S, at + 4 + 2 * S),
    };
  }

  // Both sides.

  /** Runs the current request on one chunk and writes its answer; the chunk's features are this thread's alone meanwhile. */
  private searchChunk(search: HistogramSearch, chunk: number): void {
    const c = this.control;
    const S = this.channels;
    search.begin(this.stats[c[STATS]!]!, this.order, c[MIN_LEAF]!);
    this.writeSplit(chunk, search.root(c[SLOT]!, c[START]!, c[END]!, this.floats.slice(0, S)));
  }

  // The helper's side.

  /**
   * Claims chunks of each request with `searches` until asked to stop (the calling thread does
   * nothing else meanwhile). A failure is reported in the channel, and ends the serving.
   */
  serve(searches: ChunkSearches): void {
    const c = this.control;
    for (;;) {
      // Each request is claimed past its last chunk at most once per thread, so the count never reaches the request bits.
      const claim = Atomics.add(c, CLAIM, 1);
      const chunk = claim & 255;
      if (claim >>> 8 === 0 || chunk >= this.chunks) {
        this.nextRequest(claim + 1);
        continue;
      }
      // A claimed chunk holds the request (the grower waits for it), so its fields are stable now;
      // nothing follows a stop, so every helper sees it.
      if (c[OP] === STOP) return;
      try {
        this.searchChunk(searches[chunk]!, chunk);
      } catch (error) {
        const text = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_CHARS);
        for (let i = 0; i < text.length; i++) this.errorText[i] = text.charCodeAt(i);
        c[ERROR_LENGTH] = text.length;
        c[FAILED] = 1;
        this.finish();
        return;
      }
      this.finish();
    }
  }

  private finish(): void {
    Atomics.add(this.control, FINISHED, 1);
    Atomics.notify(this.control, FINISHED);
  }

  /** Waits for a request after the one `after` belongs to: spinning first, then asleep. */
  private nextRequest(after: number): void {
    const c = this.control;
    const started = performance.now();
    for (let spin = 0; ; spin++) {
      const claim = Atomics.load(c, CLAIM);
      // Only a new request number matters; the grower claiming the rest of this one does not.
      if (claim >>> 8 !== after >>> 8) return;
      if ((spin & 255) === 255 && performance.now() - started > HELPER_SPIN_MS) Atomics.wait(c, CLAIM, claim);
    }
  }

  private writeSplit(chunk: number, split: Split | null): void {
    const S = this.channels;
    const at = S + chunk * splitFloats(S);
    const f = this.floats;
    if (!split) {
      f[at] = -1;
      return;
    }
    f[at] = split.feature;
    f[at + 1] = split.bin;
    f[at + 2] = split.missingLeft ? 1 : 0;
    f[at + 3] = split.gain;
    f.set(split.leftSums, at + 4);
    f.set(split.rightSums, at + 4 + S);
  }
}
