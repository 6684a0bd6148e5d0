import { availableParallelism } from "node:os";
import { Worker, type TransferListItem } from "node:worker_threads";
import { modelThreads, prestartModelThreads, provideModelThreads, type ModelThread } from "../ml/models/threads/model-threads";

const ENTRY = new URL("./modelThread.ts", import.meta.url);

/**
 * The module a worker thread starts from. Node's module hooks (tsx's TypeScript loader here) are
 * per thread, so a thread of a process started with tsx must register tsx itself before it can
 * import the TypeScript entry; a data: URL module does that without a JavaScript file in the repo.
 */
function bootstrapUrl(): URL {
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = [`import { register } from ${JSON.stringify(tsx)};`, "register();", `await import(${JSON.stringify(ENTRY.href)});`].join("\n");
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

function spawn(url: URL): ModelThread {
  const worker = new Worker(url);
  let busy = true;
  // Adding a listener refs the worker again; only a busy thread may keep the process alive.
  const listen = <T>(event: "message" | "error", handler: (value: T) => void) => {
    worker.removeAllListeners(event);
    worker.on(event, handler);
    if (!busy) worker.unref();
  };
  return {
    keepAlive: (on) => {
      busy = on;
      if (on) worker.ref();
      else worker.unref();
    },
    postMessage: (message, transfer) => worker.postMessage(message, transfer as TransferListItem[] | undefined),
    onMessage: (handler) => listen<unknown>("message", handler),
    onError: (handler) => listen<Error>("error", handler),
    terminate: () => void worker.terminate(),
  };
}

let configuredCount: number | undefined;

/**
 * Lets tree models train on worker threads, one per core this process may use (or `count`),
 * started now with `prestart` (see prestartModelThreads). Calling it again with the same count
 * keeps the threads already started.
 */
export function configureNodeModelThreads({ count = availableParallelism(), prestart = false }: { count?: number; prestart?: boolean } = {}): void {
  if (configuredCount !== count || modelThreads() === undefined) {
    configuredCount = count;
    const url = bootstrapUrl();
    provideModelThreads({ count, spawn: () => spawn(url), shared: (bytes) => new SharedArrayBuffer(bytes) });
  }
  if (prestart) prestartModelThreads();
}
