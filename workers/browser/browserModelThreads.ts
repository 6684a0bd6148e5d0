import type { ModelThread, ModelThreadHost } from "@/pipeline/ml/models/threads/model-threads";

/**
 * Model threads on Web Workers (started from the run worker: Atomics.wait, which the threaded
 * split search needs, is not allowed on a page's main thread). Only a cross-origin isolated page
 * has SharedArrayBuffer; elsewhere there are none and models train on the calling worker.
 * `startWorker` is the bundler's `new Worker(new URL(…))` for the model-thread entry.
 */
export function browserModelThreads(startWorker: () => Worker): ModelThreadHost | undefined {
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer !== "function") return undefined;
  return {
    count: Math.max(1, navigator.hardwareConcurrency || 1),
    spawn: () => webWorkerThread(startWorker()),
    shared: (bytes) => new SharedArrayBuffer(bytes),
  };
}

function webWorkerThread(worker: Worker): ModelThread {
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (handler) => {
      worker.onmessage = (event: MessageEvent<unknown>) => handler(event.data);
    },
    onError: (handler) => {
      worker.onerror = (event: ErrorEvent) => handler(new Error(event.message || "A model thread failed to start"));
    },
    // An idle Web Worker keeps nothing alive: there is no process to hold open.
    keepAlive: () => {},
    terminate: () => worker.terminate(),
  };
}
