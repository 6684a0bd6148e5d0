import { z } from "zod";
import type { TableFunctionCall, TableFunctionOptions } from "@/pipeline/ml/custom-code/table-function";
import type { CellColumns } from "@/pipeline/ml/table/cell-values";
import { compileFailure, failureMessage, outcomeTable, readOutcome, timeoutMessage, type LineMap } from "../shared/tableFunctionOutcome";
import { tableFunctionScript } from "../shared/tableFunctionRuntimeSource";
import { javaScriptSyntaxErrorLine } from "./notebookLastExpression";
import { CellSyntaxError, transpileCell } from "./notebookTypeScript";
import { TABLE_FUNCTION_SANDBOX_SOURCE } from "./tableFunctionSandboxSource";

const SANDBOX_URL = `data:text/javascript;charset=utf-8,${encodeURIComponent(TABLE_FUNCTION_SANDBOX_SOURCE)}`;

// Posted from next to user code (which can call postMessage too), so parsed, not trusted.
const messageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("outcome"), json: z.string() }),
  z.object({ type: z.literal("crash"), message: z.string() }),
]);

// Captured at load: the worker that runs nodes is on the app's origin and may fetch the compiler it serves.
const fetchOwn: typeof fetch = fetch.bind(self);

/** TypeScript is transpiled here, in the run worker, with the compiler notebook workers use. */
async function runnableCode(call: TableFunctionCall): Promise<{ code: string; lines?: LineMap }> {
  if (call.language === "javascript") return { code: call.code };
  try {
    const { code, lines } = await transpileCell(call.code, fetchOwn);
    return { code, lines: (line) => lines[line - 1] ?? null };
  } catch (error) {
    if (!(error instanceof CellSyntaxError)) throw error;
    throw new Error(failureMessage(call.functionName, compileFailure(error.message, error.line)));
  }
}

/** Calls a custom-code function in a fresh opaque-origin worker; the same contract as the server's process sandbox. */
export async function callTableFunctionInBrowser(call: TableFunctionCall, options: TableFunctionOptions): Promise<CellColumns> {
  const { code, lines } = await runnableCode(call);
  options.signal?.throwIfAborted();
  const worker = new Worker(SANDBOX_URL);
  const outcome = await new Promise<{ json: string } | { error: Error }>((resolve) => {
    let settled = false;
    const finish = (result: { json: string } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      worker.terminate();
      resolve(result);
    };
    const fail = (message: string) => finish({ error: new Error(message) });
    const onAbort = () => finish({ error: options.signal?.reason instanceof Error ? options.signal.reason : new Error("The run was cancelled") });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => fail(timeoutMessage(call.functionName, options.timeoutMs)), options.timeoutMs);
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const message = messageSchema.safeParse(event.data);
      if (!message.success) return fail(`Custom code function "${call.functionName}" sent an unexpected message from its sandbox`);
      if (message.data.type === "crash") return fail(`Custom code function "${call.functionName}" crashed its sandbox: ${message.data.message}`);
      finish({ json: message.data.json });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(`Custom code function "${call.functionName}" crashed its sandbox: ${event.message}`);
    };
    worker.postMessage({ script: tableFunctionScript(code, call.functionName), inputJson: JSON.stringify(call.table) });
  });
  if ("error" in outcome) throw outcome.error;
  const result = readOutcome(outcome.json, call.functionName);
  // Engines give no line for a syntax error in evaluated code; the parser finds it.
  if (!result.ok && result.reason === "compile" && result.line === null && call.language === "javascript") {
    result.line = javaScriptSyntaxErrorLine(call.code);
  }
  return outcomeTable(result, call.functionName, lines);
}
