import { z } from "zod";
import type { RowObject, SandboxedExpression, SandboxOptions } from "../../pipeline/ml/labeling/expression-sandbox";
import { clipText } from "../shared/clipText";
import { runInSandbox, SANDBOX_MEMORY_MB, type SandboxFailure } from "./sandboxProcess";

const FILE_NAME = "labeling-function.js";

/** Step 0 turns the rows text into frozen row objects inside the sandbox; it answers nothing. */
const SETUP_STEP = "globalThis.__rows = Object.freeze(JSON.parse(__rowsJson).map((row) => Object.freeze(row))); delete globalThis.__rowsJson; undefined";

/**
 * One step per function: the expression wrapped as `(row) => (expression)` and applied to every row.
 * A throw or a result that is not a class name ends the function with a JSON verdict naming the row;
 * the wrapper itself is what the sandbox answers, so the host only ever reads text.
 */
function functionStep(expression: string): string {
  return (
    "(() => { 'use strict';\n" +
    "const __f = (row) => (\n" +
    expression +
    "\n);\n" +
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
    "return JSON.stringify({ values: __out }); })()"
  );
}

const functionOutputSchema = z.union([
  z.object({ values: z.array(z.string().nullable()) }),
  z.object({ error: z.enum(["throw", "type"]), row: z.number().int(), message: z.string() }),
]);

/** The wrapper's answer as a value; user code can replace JSON.stringify, so the text may be anything. */
function parseJson(text: string | null | undefined): unknown {
  if (typeof text !== "string") return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `who` names the function that failed, or all of them when the process died before saying which. */
function failureMessage(who: string, failure: SandboxFailure, timeoutMs: number): string {
  switch (failure.reason) {
    case "timeout":
      return `${who} did not finish within ${timeoutMs} ms (an endless loop?); it was stopped`;
    case "memory":
      return `${who} ran out of memory (the sandbox allows ${SANDBOX_MEMORY_MB} MB)`;
    case "stack":
      return `${who} recursed too deeply (stack overflow)`;
    case "error":
      return failure.error.name === "SyntaxError"
        ? `${who} does not compile: ${clipText(failure.error.message)}`
        : `${who} failed: ${clipText(failure.error.message)}`;
    default:
      return `${who} could not be evaluated: its sandbox stopped unexpectedly${failure.error.message ? ` (${failure.error.message})` : ""}`;
  }
}

function readFunctionOutput(name: string, text: string | null | undefined, rowCount: number): (string | null)[] {
  const who = `Labeling function "${name}"`;
  const parsed = functionOutputSchema.safeParse(parseJson(text));
  if (!parsed.success) throw new Error(`${who} escaped its expression wrapper`);
  const output = parsed.data;
  if ("values" in output) {
    if (output.values.length !== rowCount) throw new Error(`${who} escaped its expression wrapper`);
    return output.values;
  }
  throw new Error(
    output.error === "throw"
      ? `${who} threw on row ${output.row}: ${clipText(output.message)}`
      : `${who} returned a value of type ${clipText(output.message, 20)} on row ${output.row}; it must return a class name or null`,
  );
}

/**
 * Evaluates labeling-function expressions over rows in one sandbox process (see sandboxProcess.ts);
 * result [f][r] is what function f returned on row r. Rejects with an Error naming the function
 * (and the row, for a throw) on a syntax error, a throw, a non-string result, the time or memory limit.
 */
export async function evaluateExpressions(
  functions: readonly SandboxedExpression[],
  rows: readonly RowObject[],
  options: SandboxOptions,
): Promise<(string | null)[][]> {
  if (functions.length === 0) return [];
  const request = {
    globals: { __rowsJson: JSON.stringify(rows) },
    steps: [SETUP_STEP, ...functions.map((f) => functionStep(f.expression))],
    fileName: FILE_NAME,
    timeoutMs: options.timeoutMs,
  };
  const result = await runInSandbox(request, options.signal);
  const outputs = result.outputs.slice(1);
  const values = outputs.map((text, f) => readFunctionOutput(functions[f]!.name, text, rows.length));
  if (result.ok) return values;
  const failed = functions[result.step - 1];
  const who = failed ? `Labeling function "${failed.name}"` : `Labeling functions ${functions.map((f) => `"${f.name}"`).join(", ")}`;
  throw new Error(failureMessage(who, result, options.timeoutMs));
}
