import { SharedMemoryPool } from "./shared-memory-pool";

/**
 * Threads for model training, given by the host: worker_threads in Node (pipeline/cli/nodeModelThreads),
 * Web Workers in a cross-origin isolated browser (workers/browser/browserModelThreads); without
 * them models train on the calling thread. Whatever a model computes
 * on threads must equal what it computes without them for the same seed.
 */
export interface ModelThread {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  /** Replaces the previous handler. */
  onMessage(handler: (message: unknown) => void): void;
  onError(handler: (error: Error) => void): void;
  /** Whether the thread keeps its process alive: while it works for a fit, not while idle in the pool. */
  keepAlive(on: boolean): void;
  terminate(): void;
}

export interface ModelThreadHost {
  /** Threads worth starting at once: the cores this process may use. */
  count: number;
  spawn(): ModelThread;
  /** Memory the threads can all see (SharedArrayBuffer). */
  shared(bytes: number): ArrayBufferLike;
}

/** Where a buffer that threads may share comes from; plain memory unless a thread team asks for shared. */
export type BufferSource = (bytes: number) => ArrayBufferLike;
export const privateBuffer: BufferSource = (bytes) => new ArrayBuffer(bytes);

let host: ModelThreadHost | undefined;
const pools = new WeakMap<ModelThreadHost, SharedMemoryPool>();
/** Started threads, kept between fits: starting one costs 0.3–2 s here (a fresh V8 isolate loading the engine). */
let idle: ModelThread[] = [];
let queue: Promise<unknown> = Promise.resolve();

export function provideModelThreads(provided: ModelThreadHost | undefined): void {
  for (const thread of idle) thread.terminate();
  idle = [];
  host = provided;
}

/**
 * Starts the host's threads now, idle in the pool, so the first fit that wants them does not wait
 * for them to load (a long-lived worker process calls it at start; a one-off CLI run need not).
 */
export function prestartModelThreads(): void {
  const threadHost = modelThreads();
  if (threadHost === undefined) return;
  while (idle.length < threadHost.count) {
    const thread = threadHost.spawn();
    thread.keepAlive(false);
    idle.push(thread);
  }
}

/** The host's threads, when it gives any and more than one core. */
export function modelThreads(): ModelThreadHost | undefined {
  return host !== undefined && host.count > 1 ? host : undefined;
}

/**
 * Runs `use` with the host's threads to itself (fits wanting threads take turns), and `allocate`:
 * shared memory that is the fit's until `use` settles and is then reused by later fits (see
 * SharedMemoryPool), so nothing the fit returns may keep it. Threads come back to the pool when
 * `use` settles normally; after a failure or cancellation they may be mid-task, so they are
 * terminated and the next fit starts fresh ones.
 */
export function withModelThreads<T>(threadHost: ModelThreadHost, use: (threads: ModelThread[], allocate: BufferSource) => Promise<T>): Promise<T> {
  const run = async () => {
    const threads = idle.splice(0);
    while (threads.length < threadHost.count) threads.push(threadHost.spawn());
    for (const thread of threads) thread.keepAlive(true);
    let pool = pools.get(threadHost);
    if (pool === undefined) pools.set(threadHost, (pool = new SharedMemoryPool(threadHost.shared)));
    try {
      const result = await use(threads, pool.take);
      for (const thread of threads) thread.keepAlive(false);
      if (host === threadHost) idle = threads;
      else for (const thread of threads) thread.terminate();
      return result;
    } catch (error) {
      for (const thread of threads) thread.terminate();
      throw error;
    } finally {
      pool.settle();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
