import type { TableFunctionSandbox } from "../custom-code/table-function";

/** A cell as an expression sees it: text and categories as strings, numbers, booleans; missing is null. */
export type RowValue = string | number | boolean | null;
export type RowObject = Record<string, RowValue>;

export interface SandboxedExpression {
  name: string;
  expression: string;
}

export interface SandboxOptions {
  /** Wall-clock limit for the whole evaluation; a runaway expression is stopped and named. */
  timeoutMs: number;
  /** Stops the evaluation (and its sandbox) when the run is cancelled. */
  signal?: AbortSignal;
}

/**
 * Runs user-written code where it cannot reach the host (no require, process, fs or
 * network): labeling-function expressions over rows (`evaluate`) and custom-code
 * functions over whole tables (`callTableFunction`, see TableFunctionSandbox).
 *
 * `evaluate`'s result [f][r] is what function f returned on row r: a string, or null
 * for abstain (undefined also reads as null). It rejects with an Error naming the
 * function (and the row, for a throw) on a syntax error, a throw, a non-string result
 * or a timeout.
 */
export interface ExpressionSandbox extends TableFunctionSandbox {
  evaluate(functions: readonly SandboxedExpression[], rows: readonly RowObject[], options: SandboxOptions): Promise<(string | null)[][]>;
}
