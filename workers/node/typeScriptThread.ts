import { Worker } from "node:worker_threads";
import { z } from "zod";
import { CELL_TRANSPILE, CellSyntaxError, readTranspiled, type Transpiled } from "../shared/typeScriptTranspile";
import { resolvePackageEntry } from "./resolvePackage";

/**
 * The TypeScript compiler is trusted code, but its input is not: some inputs take it exponential
 * time (nested `async (` arrows) or overflow its stack. So it runs in a worker thread of its own,
 * with a heap cap, and is terminated at the caller's time limit; the host's event loop never waits
 * on it. The thread is kept between calls (loading the compiler takes ~0.5 s) and replaced after a kill.
 */
const THREAD_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const ts = require(workerData.typescriptPath);
const { target, module, fileName } = workerData.settings;
parentPort.on("message", ({ id, source }) => {
  try {
    const result = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget[target], module: ts.ModuleKind[module], sourceMap: true, inlineSources: false },
      fileName,
      reportDiagnostics: true,
    });
    const diagnostics = (result.diagnostics || []).map((d) => ({
      start: d.start,
      messageText: typeof d.messageText === "string" ? d.messageText : d.messageText.messageText,
    }));
    parentPort.postMessage({ id, ok: true, outputText: result.outputText, sourceMapText: result.sourceMapText, diagnostics });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error && error.message) });
  }
});
`;

const HEAP_MB = 512;
/** Longer cells are refused before the compiler sees them. */
export const MAX_TYPESCRIPT_CHARS = 200_000;

const replySchema = z.discriminatedUnion("ok", [
  z.object({
    id: z.number(),
    ok: z.literal(true),
    outputText: z.string(),
    sourceMapText: z.string().optional(),
    diagnostics: z.array(z.object({ start: z.number().optional(), messageText: z.string() })),
  }),
  z.object({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);

let thread: Worker | undefined;
let nextId = 0;

function compilerThread(): Worker {
  thread ??= new Worker(THREAD_SOURCE, {
    eval: true,
    env: {},
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
    workerData: { typescriptPath: resolvePackageEntry("typescript"), settings: CELL_TRANSPILE },
  });
  // The process may exit while the thread idles.
  thread.unref();
  return thread;
}

function discardThread(worker: Worker): void {
  if (thread === worker) thread = undefined;
  void worker.terminate();
}

/**
 * Strips types from a cell's TypeScript off the host's thread. Rejects with CellSyntaxError for code
 * that does not compile (including code too long, too deep or too slow to compile within `timeoutMs`).
 */
export function transpileOffThread(source: string, timeoutMs: number, signal?: AbortSignal): Promise<Transpiled> {
  if (source.length > MAX_TYPESCRIPT_CHARS) {
    return Promise.reject(new CellSyntaxError(`the code is ${source.length} characters long; the limit is ${MAX_TYPESCRIPT_CHARS}`, null));
  }
  signal?.throwIfAborted();
  const worker = compilerThread();
  const id = nextId++;
  return new Promise<Transpiled>((resolve, reject) => {
    const finish = (outcome: Transpiled | Error, kill = false) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (kill) discardThread(worker);
      worker.unref();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onMessage = (raw: unknown) => {
      const reply = replySchema.safeParse(raw);
      if (!reply.success || reply.data.id !== id) return;
      if (!reply.data.ok) return finish(new CellSyntaxError(`the TypeScript compiler gave up on it (${reply.data.message})`, null));
      try {
        finish(readTranspiled(source, reply.data));
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const onError = () => finish(new CellSyntaxError("the TypeScript compiler ran out of memory on it", null), true);
    const onExit = () => finish(new CellSyntaxError("the TypeScript compiler stopped on it", null), true);
    const onAbort = () => finish(signal?.reason instanceof Error ? signal.reason : new Error("The run was cancelled"), true);
    const timer = setTimeout(() => finish(new CellSyntaxError(`it did not compile within ${timeoutMs} ms`, null), true), timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.ref();
    worker.postMessage({ id, source });
  });
}
