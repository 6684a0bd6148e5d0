import { z } from "zod";
import { tableFromSqlResult } from "../ml/table/from-sql-result";
import { hashArtifactValue } from "../runtime/artifactHash";
import { defineNode } from "../spec/nodeDefinition";

/** Rows a query may return into a table; the database stops sending after this (plus one, to tell the user). */
export const SQL_MAX_ROWS = 1_000_000;
const SQL_MAX_TIMEOUT_SECONDS = 600;

const sqlQueryParams = z.object({
  connection: z
    .string()
    .trim()
    .min(1, "Choose one of the project's connections")
    .max(80)
    .describe("The project's named database connection to read from (editors add them on the project's Connections page)"),
  query: z
    .string()
    .trim()
    .min(1, "Write a SELECT query")
    .max(100_000)
    .meta({ contentMediaType: "text/x-sql" })
    .describe("One read-only query (SELECT, WITH … SELECT or VALUES); statements that write are refused"),
  maxRows: z.number().int().min(1).max(SQL_MAX_ROWS).default(100_000).describe("At most this many rows are read; the rest are dropped with a warning"),
  timeoutSeconds: z.number().int().min(1).max(SQL_MAX_TIMEOUT_SECONDS).default(30).describe("The database cancels the query after this many seconds"),
});

const NO_PORT_MESSAGE =
  "The SQL query node reads a database through the server, so it needs a server run (choose Server or Auto); its rows are then shown on the Runs page.";

/**
 * Reads the result of a read-only query on one of the project's database connections into a table, with the
 * database's column types. The connection's secret never leaves the server, so the query runs only on a server
 * worker; the query, the connection and a hash of the result go to the step's log for lineage.
 */
export const sqlQueryNode = defineNode({
  kind: "sql-query",
  version: 1,
  title: "SQL query",
  description: "Reads the result of a read-only SQL query on one of the project's PostgreSQL or SQLite connections into a table. Runs on a server worker.",
  stage: "Data",
  liveData: { reason: "The SQL query node reads a database connection on the server" },
  inputs: [],
  outputs: [{ name: "table", type: "Table", description: "The query's rows, with column types mapped from the database's" }],
  params: sqlQueryParams,
  // Columns are known only once the query runs: downstream column checks wait for the run.
  inferSchema: () => ({ outputs: {} }),
  async run({ params, sqlSource, signal, log, reportMetric }) {
    if (sqlSource === undefined) throw new Error(NO_PORT_MESSAGE);
    const result = await sqlSource.query(
      { connection: params.connection, query: params.query, maxRows: params.maxRows, timeoutMs: params.timeoutSeconds * 1000 },
      signal,
    );
    if (result.columns.length === 0) throw new Error("The query returned no columns");
    const table = tableFromSqlResult(result);
    const resultHash = hashArtifactValue({ columns: result.columns, rows: result.rows });
    log(`Connection "${params.connection}" · query: ${params.query}`);
    if (result.truncated) log(`The query returned more than ${params.maxRows} rows: only the first ${params.maxRows} were read (raise Row limit)`, "warn");
    log(`Read ${table.rowCount} rows × ${table.columns.length} columns from "${params.connection}" (result sha256 ${resultHash})`);
    reportMetric("rows", table.rowCount);
    return { table };
  },
});
