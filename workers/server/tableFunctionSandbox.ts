import { z } from "zod";
import type { TableFunctionCall, TableFunctionOptions } from "../../pipeline/ml/custom-code/table-function";
import type { CellColumns } from "../../pipeline/ml/table/cell-values";
import { compileFailure, failureMessage, outcomeTable, readOutcome, timeoutMessage, type LineMap } from "../shared/tableFunctionOutcome";
import { TABLE_FUNCTION_RUNTIME_SOURCE, tableFunctionScript, USER_CODE_FILE } from "../shared/tableFunctionRuntimeSource";
import { CellSyntaxError, transpileTypeScript } from "../shared/typeScriptTranspile";
import { loadTypeScript } from "./typeScriptCompiler";
import { startSandboxWorker, TERMINATE_GRACE_MS } from "./sandboxWorker";

/**
 * Runs in a fresh worker thread, like the expression sandbox: the runtime and the user's
 * code run in a `node:vm` context holding only the plain JavaScript builtins (no require,
 * process, timers or console; eval and Function off). The table enters as a JSON string
 * and the outcome leaves as one. Promises settle as microtasks drained inside the same
 * vm call (`afterEvaluate`), so the vm timeout covers async code too; the host's timer
 * terminating the worker is the backstop.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const vm = require("node:vm");
const { runtimeSource, script, inputJson, timeoutMs, fileName } = workerData;
const deadline = Date.now() + timeoutMs;
const remaining = () => Math.max(1, deadline - Date.now());
const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false }, microtaskMode: "afterEvaluate" });
vm.runInContext(runtimeSource + "\ndelete globalThis.console;", context);
context.__vajraInput = inputJson;
function outcome(json) { parentPort.postMessage({ type: "outcome", json }); }
function run() {
  let compiled;
  try {
    compiled = new vm.Script(script + ".then((json) => { globalThis.__vajraResult = json; })", { filename: fileName });
  } catch (error) {
    const match = new RegExp(fileName.replace(".", "\\.") + ":(\\d+)").exec(String(error && error.stack));
    outcome(JSON.stringify({ ok: false, reason: "compile", message: String(error && error.message), line: match ? Number(match[1]) - 1 : null }));
    return;
  }
  try {
    compiled.runInContext(context, { timeout: remaining() });
    const json = vm.runInContext("globalThis.__vajraResult", context, { timeout: remaining() });
    outcome(typeof json === "string" ? json : JSON.stringify({ ok: false, reason: "pending", message: "", line: null }));
  } catch (error) {
    if (error && error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") parentPort.postMessage({ type: "timeout" });
    else parentPort.postMessage({ type: "crash", message: String(error && error.message) });
  }
}
run();
`;

/** Extra time the worker gets past the deadline to report a vm timeout itself. */
const WORKER_HEAP_MB = 1024;

const messageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("outcome"), json: z.string() }),
  z.object({ type: z.literal("timeout") }),
  z.object({ type: z.literal("crash"), message: z.string() }),
]);

/** Transpiles TypeScript here, in the host: the compiler is trusted code and too big to load into every sandbox. */
async function runnableCode(call: TableFunctionCall): Promise<{ code: string; lines?: LineMap }> {
  if (call.language === "javascript") return { code: call.code };
  try {
    const { code, lines } = transpileTypeScript(await loadTypeScript(), call.code);
    return { code, lines: (line) => lines[line - 1] ?? null };
  } catch (error) {
    if (!(error instanceof CellSyntaxError)) throw error;
    throw new Error(failureMessage(call.functionName, compileFailure(error.message, error.line)));
  }
}

/** Calls a custom-code function in a worker thread; see TableFunctionSandbox for the contract. */
export async function callTableFunctionInWorkerThread(call: TableFunctionCall, options: TableFunctionOptions): Promise<CellColumns> {
  const { code, lines } = await runnableCode(call);
  options.signal?.throwIfAborted();
  const workerData = {
    runtimeSource: TABLE_FUNCTION_RUNTIME_SOURCE,
    script: tableFunctionScript(code, call.functionName),
    inputJson: JSON.stringify(call.table),
    timeoutMs: options.timeoutMs,
    fileName: USER_CODE_FILE,
  };
  const worker = startSandboxWorker(WORKER_SOURCE, workerData, WORKER_HEAP_MB);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: { table: CellColumns } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      if ("table" in outcome) resolve(outcome.table);
      else reject(outcome.error);
    };
    const fail = (message: string) => finish({ error: new Error(message) });
    const onAbort = () => finish({ error: options.signal?.reason instanceof Error ? options.signal.reason : new Error("The run was cancelled") });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => fail(timeoutMessage(call.functionName, options.timeoutMs)), options.timeoutMs + TERMINATE_GRACE_MS);
    worker.on("message", (raw: unknown) => {
      const message = messageSchema.safeParse(raw);
      if (!message.success) return fail(`Custom code function "${call.functionName}" sent an unexpected message from its sandbox`);
      switch (message.data.type) {
        case "timeout":
          return fail(timeoutMessage(call.functionName, options.timeoutMs));
        case "crash":
          return fail(`Custom code function "${call.functionName}" crashed its sandbox: ${message.data.message}`);
        case "outcome":
          try {
            return finish({ table: outcomeTable(readOutcome(message.data.json, call.functionName), call.functionName, lines) });
          } catch (error) {
            return finish({ error: error instanceof Error ? error : new Error(String(error)) });
          }
      }
    });
    worker.on("error", (error) => fail(`Custom code function "${call.functionName}" crashed its sandbox: ${error.message}`));
    worker.on("exit", (code) => fail(`Custom code sandbox exited (code ${code}) while running "${call.functionName}"`));
  });
}
