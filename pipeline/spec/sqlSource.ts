/** What a SQL query node asks the host to run against one of the project's named connections. */
export interface SqlQueryRequest {
  connection: string;
  query: string;
  maxRows: number;
  timeoutMs: number;
}

export type SqlColumnType = "number" | "string" | "boolean" | "date";
export type SqlCell = string | number | boolean | null;

export interface SqlQueryResult {
  columns: { name: string; type: SqlColumnType }[];
  rows: SqlCell[][];
  /** True when the query returned more than maxRows and the rest were dropped. */
  truncated: boolean;
}

/**
 * Runs read-only queries on the project's database connections. Only a server worker offers it:
 * connection secrets never leave the server and queries never run in a browser.
 */
export interface SqlSourcePort {
  query(request: SqlQueryRequest, signal: AbortSignal): Promise<SqlQueryResult>;
}
