import { modelThreads, withModelThreads, type BufferSource, type ModelThread } from "../threads/model-threads";
import type { Matrix, TrainOptions } from "../types";

/** Below this many rows, a message to a thread per pass costs more than the half of the pass it saves. */
const THREADED_MIN_ROWS = 20_000;

/** What a linear fit shares its sums over rows with: memory the helpers can read, and the helpers. */
export interface LinearThreads {
  allocate: BufferSource;
  helpers: ModelThread[];
}

/** Runs `fit` with the host's threads as helpers where the table is large enough and the fit may use them, else alone. */
export function withLinearThreads<T>(X: Matrix, options: TrainOptions, fit: (threads: LinearThreads | undefined) => Promise<T>): Promise<T> {
  const host = options.threads !== false && X.rows >= THREADED_MIN_ROWS ? modelThreads() : undefined;
  if (host === undefined) return fit(undefined);
  return withModelThreads(host, (threads, allocate) => fit({ allocate, helpers: threads.slice(0, Math.max(1, host.count - 1)) }));
}
