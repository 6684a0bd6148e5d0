import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
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

/**
 * The thread's code as one CommonJS bundle (esbuild, which tsx brings), started with `eval`: a thread
 * then loads no TypeScript loader of its own (tsx's module hooks, a module graph of source files, their
 * source maps), so each costs about 21 MB of RSS instead of 45 MB and starts in a fraction of the time.
 * undefined where esbuild cannot be loaded or the bundle fails: threads then start through tsx.
 */
function bundledEntry(): string | undefined {
  try {
    const { buildSync } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
    const built = buildSync({
      entryPoints: [fileURLToPath(ENTRY)],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: `node${process.versions.node}`,
      write: false,
      logLevel: "silent",
    });
    return built.outputFiles[0]?.text;
  } catch {
    return undefined;
  }
}

let entry: { code: string } | { url: URL } | undefined;

/** How threads start: the bundle, made once per process when the first thread starts, else through tsx. */
function threadEntry(): { code: string } | { url: URL } {
  if (entry === undefined) {
    const code = bundledEntry();
    entry = code === undefined ? { url: bootstrapUrl() } : { code };
  }
  return entry;
}

function spawn(): ModelThread {
  const start = threadEntry();
  const worker = "code" in start ? new Worker(start.code, { eval: true }) : new Worker(start.url);
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
    provideModelThreads({ count, spawn, shared: (bytes) => new SharedArrayBuffer(bytes) });
  }
  if (prestart) prestartModelThreads();
}
