import type { TableFunctionCall, TableFunctionOptions } from "../../pipeline/ml/custom-code/table-function";
import type {
  ExpressionSandbox,
  RowObject,
  SandboxedExpression,
  SandboxOptions,
} from "../../pipeline/ml/labeling/expression-sandbox";
import type { CellColumns } from "../../pipeline/ml/table/cell-values";
import { callTableFunctionInWorkerThread } from "./tableFunctionSandbox";
import { startSandboxWorker, TERMINATE_GRACE_MS } from "./sandboxWorker";

/**
 * Runs in a fresh worker thread. Each expression is compiled and run inside a
 * `node:vm` context that holds only the plain JavaScript builtins: no require,
 * process, fs, timers or console, and string code generation (eval, Function) off.
 * Rows enter as a JSON string and results leave as one, so no host object (whose
 * constructor chain would lead back to the worker's `process`) is ever reachable
 * from user code. vm's own timeout stops a runaway expression; the host's
 * wall-clock timer terminating the whole worker is the backstop.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const vm = require("node:vm");
const { functions, rowsJson, timeoutMs } = workerData;
const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false }, microtaskMode: "afterEvaluate" });
context.__rowsJson = rowsJson;
vm.runInContext(
  "globalThis.__rows = JSON.parse(__rowsJson).map((row) => Object.freeze(row)); delete globalThis.__rowsJson; delete globalThis.console;",
  context,
);
const deadline = Date.now() + timeoutMs;
function run() {
for (const fn of functions) {
  parentPort.postMessage({ type: "start", name: fn.name });
  let script;
  try {
    script = new vm.Script(
      "(() => { 'use strict';\n" +
        "const __f = (row) => (\n" + fn.expression + "\n);\n" +
        "const __out = [];\n" +
        "for (let __r = 0; __r < __rows.length; __r++) {\n" +
        "  let __v;\n" +
        "  try { __v = __f(__rows[__r]); } catch (e) {\n" +
        "    let __m; try { __m = String(e && e.message !== undefined ? e.message : e); } catch { __m = 'unknown error'; }\n" +
        "    return JSON.stringify({ error: 'throw', row: __r, message: __m });\n" +
        "  }\n" +
        "  if (__v === undefined || __v === null) __out.push(null);\n" +
        "  else if (typeof __v === 'string') __out.push(__v);\n" +
        "  else return JSON.stringify({ error: 'type', row: __r, message: typeof __v });\n" +
        "}\n" +
        "return JSON.stringify({ values: __out }); })()",
      { filename: fn.name },
    );
  } catch (error) {
    parentPort.postMessage({ type: "error", message: 'Labeling function "' + fn.name + '" does not compile: ' + error.message });
    return;
  }
  let output;
  try {
    output = script.runInContext(context, { timeout: Math.max(1, deadline - Date.now()) });
  } catch (error) {
    const timedOut = error && error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
    parentPort.postMessage({
      type: "error",
      message: timedOut
        ? 'Labeling function "' + fn.name + '" did not finish within ' + timeoutMs + " ms (an endless loop?)"
        : 'Labeling function "' + fn.name + '" failed: ' + String(error && error.message),
    });
    return;
  }
  if (typeof output !== "string") {
    parentPort.postMessage({ type: "error", message: 'Labeling function "' + fn.name + '" escaped its expression wrapper' });
    return;
  }
  parentPort.postMessage({ type: "result", json: output });
}
parentPort.postMessage({ type: "done" });
}
run();
`;

/** Extra time the worker gets past the deadline to report a vm timeout itself. */
const WORKER_HEAP_MB = 512;

type WorkerMessage =
  | { type: "start"; name: string }
  | { type: "result"; json: string }
  | { type: "error"; message: string }
  | { type: "done" };

type FunctionOutput = { values: (string | null)[] } | { error: "throw" | "type"; row: number; message: string };

export class WorkerThreadExpressionSandbox implements ExpressionSandbox {
  callTableFunction(call: TableFunctionCall, options: TableFunctionOptions): Promise<CellColumns> {
    return callTableFunctionInWorkerThread(call, options);
  }

  evaluate(functions: readonly SandboxedExpression[], rows: readonly RowObject[], options: SandboxOptions): Promise<(string | null)[][]> {
    if (functions.length === 0) return Promise.resolve([]);
    const workerData = {
      functions: functions.map((f) => ({ name: f.name, expression: f.expression })),
      rowsJson: JSON.stringify(rows),
      timeoutMs: options.timeoutMs,
    };
    const worker = startSandboxWorker(WORKER_SOURCE, workerData, WORKER_HEAP_MB);
    return new Promise((resolve, reject) => {
      const results: (string | null)[][] = [];
      let running = functions[0]!.name;
      let settled = false;
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        if (error) reject(error);
        else resolve(results);
      };
      const timer = setTimeout(
        () => finish(new Error(`Labeling function "${running}" did not finish within ${options.timeoutMs} ms (an endless loop?); it was stopped`)),
        options.timeoutMs + TERMINATE_GRACE_MS,
      );
      worker.on("message", (message: WorkerMessage) => {
        switch (message.type) {
          case "start":
            running = message.name;
            return;
          case "error":
            return finish(new Error(message.message));
          case "done":
            return finish(null);
          case "result": {
            const output = JSON.parse(message.json) as FunctionOutput;
            if ("values" in output) {
              results.push(output.values);
              return;
            }
            return finish(
              new Error(
                output.error === "throw"
                  ? `Labeling function "${running}" threw on row ${output.row}: ${output.message}`
                  : `Labeling function "${running}" returned a value of type ${output.message} on row ${output.row}; it must return a class name or null`,
              ),
            );
          }
        }
      });
      worker.on("error", (error) => finish(new Error(`Labeling function "${running}" crashed its sandbox: ${error.message}`)));
      worker.on("exit", (code) => finish(new Error(`Expression sandbox exited (code ${code}) while running "${running}"`)));
    });
  }
}
