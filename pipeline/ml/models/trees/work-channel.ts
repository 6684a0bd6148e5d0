/**
 * One request at a time from the thread growing trees to the threads that help it, in shared
 * memory: a request is an operation with a few integers and floats, its work comes in chunks (two
 * halves of the rows or features), and every thread (the grower included) claims chunks until
 * none is left; each chunk writes its answer (a few floats) in its own place. A helper
 * that is asleep, still starting, or not given the CPU by a busy machine simply claims nothing,
 * and the grower does the chunks itself instead of waiting; the grower only ever waits for chunks
 * a helper has started. A tree makes about 40 requests in a few milliseconds; a message each way
 * would cost tens of microseconds and a turn of the event loop, a claim is one atomic add.
 */

/** Int32 slots of the control block. */
const CLAIM = 0; // request number << 8 | chunks claimed so far; request 0 is none
const FINISHED = 1; // chunks of the current request finished by helpers
const OP = 2; // the request's operation: an index into the handlers, or STOP
const FAILED = 3;
const ERROR_LENGTH = 4;
const INTS = 8;
/** Integers and floats a request carries at most. */
const REQUEST_INTS = 8;
const REQUEST_FLOATS = 8;
const CONTROL_INTS = INTS + REQUEST_INTS;
const ERROR_CHARS = 400;
const STOP = -1;

/** Chunks per request at most: the claim counter's low byte. */
const MAX_CHUNKS = 128;
/** A helper spins this long for the next request before sleeping: requests come every few µs to ms. */
const HELPER_SPIN_MS = 0.3;
/** A grower waiting this long for a started chunk gives up: the helper died or hangs. */
const ANSWER_TIMEOUT_MS = 120_000;

/**
 * Does chunk `chunk` of a request with these integers and floats, and writes its answer for the
 * grower in `out`. Every thread holds the same handlers, in the same order, so that a chunk comes
 * out the same whichever thread claims it.
 */
export type ChunkHandler = (chunk: number, ints: Int32Array, floats: Float64Array, out: Float64Array) => void;

/** The channel's shared memory for `chunks` chunks of `outFloats` answer floats each. */
export function workChannelBytes(chunks: number, outFloats: number): number {
  return CONTROL_INTS * 4 + ERROR_CHARS * 2 + (REQUEST_FLOATS + chunks * outFloats) * Float64Array.BYTES_PER_ELEMENT;
}

export class WorkChannel {
  private readonly control: Int32Array;
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  private readonly errorText: Uint16Array;
  /** Each chunk's answer. */
  private readonly outs: Float64Array[];
  private seq = 0;

  constructor(
    readonly buffer: SharedArrayBuffer,
    private readonly chunks: number,
    outFloats: number,
  ) {
    if (chunks < 1 || chunks > MAX_CHUNKS) throw new Error(`A work channel takes 1 to ${MAX_CHUNKS} chunks, got ${chunks}`);
    this.control = new Int32Array(buffer, 0, CONTROL_INTS);
    this.ints = this.control.subarray(INTS, INTS + REQUEST_INTS);
    this.errorText = new Uint16Array(buffer, CONTROL_INTS * 4, ERROR_CHARS);
    const floatsAt = CONTROL_INTS * 4 + ERROR_CHARS * 2;
    this.floats = new Float64Array(buffer, floatsAt, REQUEST_FLOATS);
    this.outs = Array.from({ length: chunks }, (_, chunk) => new Float64Array(buffer, floatsAt + (REQUEST_FLOATS + chunk * outFloats) * 8, outFloats));
  }

  // The grower's side.

  /**
   * Runs every chunk of operation `op` (an index into `handlers`) with the helpers and returns
   * the chunks' answers in chunk order (views, valid until the next request).
   */
  run(handlers: readonly ChunkHandler[], op: number, ints: ArrayLike<number>, floats: ArrayLike<number> = []): readonly Float64Array[] {
    if (ints.length > REQUEST_INTS || floats.length > REQUEST_FLOATS)
      throw new Error(`A request carries at most ${REQUEST_INTS} integers and ${REQUEST_FLOATS} floats`);
    this.ints.set(ints);
    this.floats.set(floats);
    this.publish(op);
    let mine = 0;
    for (;;) {
      const chunk = Atomics.add(this.control, CLAIM, 1) & 255;
      if (chunk >= this.chunks) break;
      handlers[op]!(chunk, this.ints, this.floats, this.outs[chunk]!);
      mine++;
    }
    if (mine < this.chunks) this.awaitFinished(this.chunks - mine);
    else this.checkFailed();
    return this.outs;
  }

  /**
   * Tells the helpers to return to their event loops, without waiting: one still starting (or
   * one that died) must not hold up the fit, and a helper takes its next message only after this.
   */
  stop(): void {
    this.publish(STOP);
  }

  private publish(op: number) {
    const c = this.control;
    c[OP] = op;
    Atomics.store(c, FINISHED, 0);
    this.seq = (this.seq + 1) & 0x7fffff || 1;
    // The sequentially consistent store publishes the fields above with it.
    Atomics.store(c, CLAIM, this.seq << 8);
    Atomics.notify(c, CLAIM);
  }

  private awaitFinished(count: number): void {
    const c = this.control;
    for (let spin = 0; spin < 4096; spin++) if (Atomics.load(c, FINISHED) >= count) return this.checkFailed();
    const started = performance.now();
    for (;;) {
      const finished = Atomics.load(c, FINISHED);
      if (finished >= count) return this.checkFailed();
      if (performance.now() - started > ANSWER_TIMEOUT_MS) throw new Error("A model thread stopped answering");
      Atomics.wait(c, FINISHED, finished, 1000);
    }
  }

  private checkFailed(): void {
    if (this.control[FAILED] === 0) return;
    const text = String.fromCharCode(...this.errorText.subarray(0, this.control[ERROR_LENGTH]));
    throw new Error(`A model thread failed: ${text}`);
  }

  // The helper's side.

  /**
   * Claims chunks of each request with `handlers` until asked to stop (the calling thread does
   * nothing else meanwhile). A failure is reported in the channel, and ends the serving.
   */
  serve(handlers: readonly ChunkHandler[]): void {
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
      const op = c[OP]!;
      if (op === STOP) return;
      try {
        handlers[op]!(chunk, this.ints, this.floats, this.outs[chunk]!);
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
}
