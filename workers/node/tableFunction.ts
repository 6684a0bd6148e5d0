import type { TableFunctionCall, TableFunctionOptions } from "../../pipeline/ml/custom-code/table-function";
import type { CellColumns } from "../../pipeline/ml/table/cell-values";
import { clipText } from "../shared/clipText";
import { compileFailure, failureMessage, outcomeTable, readOutcome, timeoutMessage, type LineMap } from "../shared/tableFunctionOutcome";
import { TABLE_FUNCTION_RUNTIME_SOURCE, tableFunctionScript, USER_CODE_FILE } from "../shared/tableFunctionRuntimeSource";
import { CellSyntaxError } from "../shared/typeScriptTranspile";
import { runInSandbox, SANDBOX_MEMORY_MB, type SandboxFailure } from "./sandboxProcess";
import { transpileOffThread } from "./typeScriptThread";

/** TypeScript is stripped outside the sandbox (the compiler is too big to load into every one), on a thread of its own. */
async function runnableCode(call: TableFunctionCall, options: TableFunctionOptions): Promise<{ code: string; lines?: LineMap }> {
  if (call.language === "javascript") return { code: call.code };
  try {
    const { code, lines } = await transpileOffThread(call.code, options.timeoutMs, options.signal);
    return { code, lines: (line) => lines[line - 1] ?? null };
  } catch (error) {
    if (!(error instanceof CellSyntaxError)) throw error;
    throw new Error(failureMessage(call.functionName, compileFailure(error.message, error.line)));
  }
}

const STACK_LINE = new RegExp(`${USER_CODE_FILE.replace(".", "\\.")}:(\\d+)`);

/** The runtime (step 0) never throws, so a failed step 1 is the user's code failing to compile, or a limit. */
function failureText(call: TableFunctionCall, failure: SandboxFailure, timeoutMs: number, lines?: LineMap): string {
  const name = call.functionName;
  switch (failure.reason) {
    case "timeout":
      return timeoutMessage(name, timeoutMs);
    case "memory":
      return `Custom code function "${name}" ran out of memory (the sandbox allows ${SANDBOX_MEMORY_MB} MB)`;
    case "stack":
      return `Custom code function "${name}" recursed too deeply (stack overflow)`;
    case "pending":
      return failureMessage(name, { ok: false, reason: "pending", message: "", line: null });
    case "error": {
      if (failure.step === 1 && failure.error.name === "SyntaxError") {
        const match = STACK_LINE.exec(failure.error.stack);
        const line = match ? Number(match[1]) - 1 : null;
        return failureMessage(name, compileFailure(failure.error.message, line), lines);
      }
      return `Custom code function "${name}" failed: ${clipText(failure.error.message)}`;
    }
    default:
      return `Custom code function "${name}" could not run: its sandbox stopped unexpectedly${failure.error.message ? ` (${failure.error.message})` : ""}`;
  }
}

/** Calls a custom-code function in a sandbox process; see TableFunctionSandbox for the contract. */
export async function callTableFunctionInSandbox(call: TableFunctionCall, options: TableFunctionOptions): Promise<CellColumns> {
  const { code, lines } = await runnableCode(call, options);
  const result = await runInSandbox(
    {
      globals: { __vajraInput: JSON.stringify(call.table) },
      steps: [TABLE_FUNCTION_RUNTIME_SOURCE, tableFunctionScript(code, call.functionName)],
      fileName: USER_CODE_FILE,
      timeoutMs: options.timeoutMs,
    },
    options.signal,
  );
  if (!result.ok) throw new Error(failureText(call, result, options.timeoutMs, lines));
  const json = result.outputs[1];
  if (typeof json !== "string") throw new Error(failureMessage(call.functionName, { ok: false, reason: "pending", message: "", line: null }));
  return outcomeTable(readOutcome(json, call.functionName), call.functionName, lines);
}
