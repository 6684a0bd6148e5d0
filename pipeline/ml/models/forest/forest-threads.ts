import { withModelThreads, type ModelThread, type ModelThreadHost } from "../threads/model-threads";
import type { BinnedMatrix } from "../trees/binning";
import type { Tree } from "../trees/tree";
import type { Targets, Task } from "../types";
import { forestReplySchema, type ForestInit } from "./forest-messages";
import type { RandomForestParams } from "./params";

/** Trees asked of a thread ahead of the one it is growing, so it never waits for the next request. */
const QUEUED_PER_THREAD = 2;

/**
 * Grows trees seeds.length trees on the host's threads (trees across threads; `binned` must live in
 * the host's shared memory) and hands them to onTree in index order, as the single-thread loop would.
 */
export async function growTreesOnThreads(
  host: ModelThreadHost,
  binned: BinnedMatrix,
  y: Targets,
  task: Task,
  params: RandomForestParams,
  seeds: number[],
  onTree: (index: number, tree: Tree) => void,
  signal?: AbortSignal,
): Promise<void> {
  signal?.throwIfAborted();
  await withModelThreads(
    host,
    (threads) =>
      new Promise<void>((resolve, reject) => {
        const done: (Tree | undefined)[] = new Array(seeds.length);
        let nextToSend = 0;
        let nextToReport = 0;
        const fail = (error: Error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        };
        const onAbort = () => fail(signal?.reason instanceof Error ? signal.reason : new Error("The run was cancelled"));
        signal?.addEventListener("abort", onAbort, { once: true });
        const send = (thread: ModelThread) => {
          if (nextToSend >= seeds.length) return;
          thread.postMessage({ type: "forest-grow", index: nextToSend, seed: seeds[nextToSend]! });
          nextToSend++;
        };
        const init: ForestInit = {
          type: "forest-init",
          bins: binned.bins,
          columns: binned.columns,
          rows: binned.rows,
          cols: binned.cols,
          binCounts: binned.binCounts,
          thresholds: binned.thresholds,
          y,
          task,
          params,
        };
        for (const thread of threads) {
          thread.onError(fail);
          thread.onMessage((message) => {
            const reply = forestReplySchema.safeParse(message);
            if (!reply.success) return fail(new Error("A model thread sent an unexpected message"));
            if (reply.data.type === "forest-error") return fail(new Error(reply.data.message));
            done[reply.data.index] = reply.data.tree;
            send(thread);
            try {
              for (; nextToReport < seeds.length && done[nextToReport] !== undefined; nextToReport++) {
                onTree(nextToReport, done[nextToReport]!);
                done[nextToReport] = undefined;
              }
            } catch (error) {
              return fail(error instanceof Error ? error : new Error(String(error)));
            }
            if (nextToReport === seeds.length) {
              signal?.removeEventListener("abort", onAbort);
              resolve();
            }
          });
          thread.postMessage(init);
          for (let q = 0; q < QUEUED_PER_THREAD; q++) send(thread);
        }
      }),
  );
}
