import type { CellColumns } from "../table/cell-values";

export const CODE_LANGUAGES = ["javascript", "typescript"] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** A JavaScript identifier: the function name is spliced into sandbox code, so nothing else may pass. */
export const FUNCTION_NAME_PATTERN = /^[A-Za-z_$][\w$]*$/;

/** One call of a user-written function from table to table. */
export interface TableFunctionCall {
  /** Source that defines the function, as written in a notebook cell (other definitions may come with it). */
  code: string;
  language: CodeLanguage;
  functionName: string;
  table: CellColumns;
}

export interface TableFunctionOptions {
  /** Wall-clock limit for defining and calling the function; a runaway one is stopped and named. */
  timeoutMs: number;
  /** Stops the call (and its sandbox) when the run is cancelled. */
  signal?: AbortSignal;
}

/**
 * Calls a user-written function where it cannot reach the host. The function gets the
 * table as notebook code sees it (rowCount, columnNames, column(name), rows(), head())
 * and may return such a table or an array of row objects; the result comes back as
 * plain columns, not yet typed. Rejects with an Error naming the function on a compile
 * error, a missing function, a throw, a timeout, or a result that is not a table.
 */
export interface TableFunctionSandbox {
  callTableFunction(call: TableFunctionCall, options: TableFunctionOptions): Promise<CellColumns>;
}
