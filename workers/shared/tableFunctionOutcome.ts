import { z } from "zod";
import type { CellColumns } from "../../pipeline/ml/table/cell-values";
import { clipText } from "./clipText";

const cellColumnsSchema = z
  .object({
    names: z.array(z.string()).refine((names) => new Set(names).size === names.length, "column names repeat"),
    columns: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
    rowCount: z.number().int().min(0),
  })
  .refine((t) => t.columns.length === t.names.length && t.columns.every((c) => c.length === t.rowCount), "columns do not match the row count");

/** What the sandbox runtime (tableFunctionRuntimeSource.ts) resolves to, or the host's own verdict on the run. */
const outcomeSchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), table: cellColumnsSchema }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(["compile", "define", "missing", "not-function", "throw", "result", "pending"]),
    message: z.string(),
    line: z.number().int().nullable(),
  }),
]);

export type TableFunctionOutcome = z.infer<typeof outcomeSchema>;
export type TableFunctionFailure = Extract<TableFunctionOutcome, { ok: false }>;

/** For each line of the code the sandbox ran (1-based), the line of the code the user wrote; absent for JavaScript. */
export type LineMap = (line: number) => number | null;

// V8 writes "vajra is not defined", QuickJS "'vajra' is not defined".
const NOTEBOOK_ONLY = /\b'?(vajra|display|tf)'? is not defined/;

function at(line: number | null, lines: LineMap | undefined): string {
  const mapped = line !== null && line > 0 && lines ? lines(line) : line;
  return mapped === null || mapped <= 0 ? "" : ` (line ${mapped})`;
}

export function failureMessage(functionName: string, fullFailure: TableFunctionFailure, lines?: LineMap): string {
  const failure = { ...fullFailure, message: clipText(fullFailure.message) };
  const where = at(failure.line, lines);
  switch (failure.reason) {
    case "compile":
      return `Custom code does not compile: ${failure.message}${where}`;
    case "define": {
      const hint = NOTEBOOK_ONLY.test(failure.message) ? "; the notebook's vajra, display and tf do not exist in a pipeline node" : "";
      return `Custom code failed before "${functionName}" could be called: ${failure.message}${where}${hint}`;
    }
    case "missing":
      return `Custom code defines no function "${functionName}": check the function name, and that the code declares it at the top level`;
    case "not-function":
      return `Custom code defines "${functionName}", but it is ${failure.message}, not a function`;
    case "throw":
      return `Custom code function "${functionName}" threw: ${failure.message}${where}`;
    case "result":
      return `Custom code function "${functionName}" ${failure.message}`;
    case "pending":
      return `Custom code function "${functionName}" returned a promise that never settled`;
  }
}

export function timeoutMessage(functionName: string, timeoutMs: number): string {
  return `Custom code function "${functionName}" did not finish within ${timeoutMs} ms (an endless loop?); it was stopped`;
}

/** Reads the outcome JSON a sandbox sent (it is produced next to user code, so it is parsed, not trusted). */
export function readOutcome(json: string, functionName: string): TableFunctionOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`Custom code function "${functionName}" sent an unreadable result from its sandbox`);
  }
  const outcome = outcomeSchema.safeParse(parsed);
  if (!outcome.success) throw new Error(`Custom code function "${functionName}" sent an unexpected result from its sandbox`);
  return outcome.data;
}

/** The returned table, or the failure as an Error whose message names the function and, where known, the line. */
export function outcomeTable(outcome: TableFunctionOutcome, functionName: string, lines?: LineMap): CellColumns {
  if (!outcome.ok) throw new Error(failureMessage(functionName, outcome, lines));
  return outcome.table;
}

export function compileFailure(message: string, line: number | null): TableFunctionFailure {
  return { ok: false, reason: "compile", message, line };
}
