import "server-only";
import { isFinished } from "@/contracts/runStatus";
import type { Db } from "../db";
import type { ChangeListener } from "../db/changeListener";
import { runChangeListener } from "./runChangeListener";
import { MAX_EVENTS_PER_READ, readRunEvents } from "./runEvents";

/** Without a notification a watcher still re-reads this often, in case one was missed (a writer that does not notify). */
export const SAFETY_REREAD_MS = 5_000;

export interface WatchRunOptions {
  signal?: AbortSignal;
  rereadMs?: number;
  listener?: ChangeListener;
}

/**
 * A run's events after `afterSeq` in order, its status whenever that changes (queued, running), and last
 * its final status: re-read when the run's writers announce a change (pushed across processes by
 * PostgreSQL NOTIFY), not on a timer.
 */
export async function* watchRun(db: Db, runId: string, afterSeq: number, options: WatchRunOptions = {}) {
  const { signal, rereadMs = SAFETY_REREAD_MS, listener = runChangeListener() } = options;
  let changed = false;
  let wake: (() => void) | null = null;
  const unsubscribe = await listener.subscribe(runId, () => {
    changed = true;
    wake?.();
  });
  try {
    let after = afterSeq;
    let shownStatus: string | null = null;
    while (!signal?.aborted) {
      // What changes from here on, even while events are being yielded, needs another read.
      changed = false;
      const read = await readRunEvents(db, runId, after);
      for (const { seq, event } of read.events) {
        after = seq;
        yield { type: "event" as const, seq, event, status: null, error: null };
      }
      if (isFinished(read.status) && read.events.length === 0) {
        yield { type: "status" as const, seq: after, event: null, status: read.status, error: read.error };
        return;
      }
      if (!isFinished(read.status) && read.status !== shownStatus) {
        shownStatus = read.status;
        yield { type: "status" as const, seq: after, event: null, status: read.status, error: null };
      }
      // A full page means more are stored already; a finished run gets no further notification, only its last read.
      if (changed || isFinished(read.status) || read.events.length === MAX_EVENTS_PER_READ) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, rereadMs);
        wake = done;
        signal?.addEventListener("abort", done, { once: true });
        function done() {
          clearTimeout(timer);
          wake = null;
          signal?.removeEventListener("abort", done);
          resolve();
        }
      });
    }
  } finally {
    unsubscribe();
  }
}
