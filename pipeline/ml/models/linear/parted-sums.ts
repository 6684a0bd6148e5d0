import type { ModelThread } from "../threads/model-threads";
import { linearReplySchema, type LinearInit } from "./linear-messages";
import { addPartials, rowPartBounds, sumParts, type BlockSums } from "./row-parts";

/** A model thread computing row parts of the same sums from its own copy of the fit's state (see linear-thread.ts). */
class RemoteParts {
  private pending: { resolve: (partials: Float64Array) => void; reject: (error: Error) => void } | undefined;

  constructor(
    private readonly thread: ModelThread,
    init: LinearInit,
  ) {
    const fail = (error: Error) => {
      const waiting = this.pending;
      this.pending = undefined;
      waiting?.reject(error);
    };
    thread.onError(fail);
    thread.onMessage((message) => {
      const reply = linearReplySchema.safeParse(message);
      const waiting = this.pending;
      this.pending = undefined;
      if (!reply.success) return waiting?.reject(new Error("A model thread sent an unexpected message"));
      if (reply.data.type === "linear-error") return waiting?.reject(new Error(reply.data.message));
      waiting?.resolve(reply.data.partials);
    });
    thread.postMessage(init);
  }

  done(): void {
    this.thread.postMessage({ type: "linear-done" });
  }

  sum(query: unknown, fromPart: number, toPart: number): Promise<Float64Array> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.thread.postMessage({ type: "linear-sums", fromPart, toPart, query });
    });
  }
}

/**
 * Sums over all rows taken in parts (row-parts.ts), the first run of parts here and the others on
 * the helper threads at the same time, each helper a consecutive run; the parts are then added in
 * order, so the result does not depend on how many helpers there are.
 */
export class PartedSums<Query> {
  private readonly bounds: Int32Array;
  private readonly workers: number;
  private readonly remotes: RemoteParts[];

  constructor(
    private readonly local: BlockSums<Query>,
    rows: number,
    helpers: ModelThread[],
    /** What each helper is told at the start: the fit's rows in memory it can read. */
    init: LinearInit,
  ) {
    this.bounds = rowPartBounds(rows);
    this.workers = Math.min(this.bounds.length - 1, helpers.length + 1);
    this.remotes = helpers.slice(0, this.workers - 1).map((thread) => new RemoteParts(thread, init));
  }

  /** The first part of worker w's consecutive run (worker 0 is this thread). */
  private firstPart(worker: number): number {
    return Math.floor((worker * (this.bounds.length - 1)) / this.workers);
  }

  /** Lets the helpers drop the fit's rows (they keep them between passes). */
  done(): void {
    for (const remote of this.remotes) remote.done();
  }

  /** The sums for `query` into `out` (length local.sizeOf(query)). */
  async sum(query: Query, out: Float64Array): Promise<void> {
    const size = this.local.sizeOf(query);
    const partials = new Float64Array((this.bounds.length - 1) * size);
    const pending = this.remotes.map((remote, i) => {
      const from = this.firstPart(i + 1);
      return remote.sum(query, from, this.firstPart(i + 2)).then((theirs) => partials.set(theirs, from * size));
    });
    sumParts(this.local, query, this.bounds, 0, this.firstPart(1), partials);
    await Promise.all(pending);
    addPartials(partials, size, out);
  }
}
