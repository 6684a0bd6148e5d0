import { readFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { parseIsoDate } from "@/pipeline/ml/table/values";
import type { SqlCell, SqlColumnType, SqlQueryResult } from "@/pipeline/spec/sqlSource";
import { resolvePackageEntry } from "@/workers/node/resolvePackage";
import { ConnectionError, queryTimedOut } from "./connectionErrors";
import { READ_ONLY_MESSAGE } from "./readOnlySql";
import { resultTooLarge, type QueryLimits } from "./queryLimits";

/**
 * sql.js runs synchronously, so a slow query would stall the server: it runs in a worker thread of its own,
 * terminated at the time limit. The file is read here and handed over as bytes: the thread opens an
 * in-memory copy, so nothing it runs can change the file (it is never written back).
 */
const THREAD_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const path = require("node:path");
const initSqlJs = require(workerData.sqlJsPath);
(async () => {
  let db;
  try {
    const SQL = await initSqlJs({ locateFile: (file) => path.join(path.dirname(workerData.sqlJsPath), file) });
    db = new SQL.Database(new Uint8Array(workerData.bytes));
    const statement = db.prepare(workerData.query);
    const names = statement.getColumnNames();
    const rows = [];
    let truncated = false;
    let chars = 0;
    while (statement.step()) {
      if (rows.length === workerData.maxRows) { truncated = true; break; }
      const row = statement.get().map((value) => (value instanceof Uint8Array ? { blob: Buffer.from(value).toString("base64") } : value));
      for (const value of row) chars += typeof value === "string" ? value.length : value !== null && typeof value === "object" ? value.blob.length : 1;
      if (chars > workerData.maxChars) { statement.free(); parentPort.postMessage({ ok: false, tooLarge: true, message: "" }); return; }
      rows.push(row);
    }
    statement.free();
    parentPort.postMessage({ ok: true, names, rows, truncated });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
  } finally {
    if (db) db.close();
  }
})();
`;

const HEAP_MB = 2048;

const valueSchema = z.union([z.string(), z.number(), z.null(), z.object({ blob: z.string() })]);
const replySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), names: z.array(z.string()), rows: z.array(z.array(valueSchema)), truncated: z.boolean() }),
  z.object({ ok: z.literal(false), message: z.string(), tooLarge: z.literal(true).optional() }),
]);
type SqliteValue = z.output<typeof valueSchema>;

/** SQLite has no column types to speak of: a column is numbers when every value is, dates when every string is an ISO date. */
function columnType(values: readonly SqliteValue[]): SqlColumnType {
  const present = values.filter((value) => value !== null);
  if (present.length > 0 && present.every((value) => typeof value === "number")) return "number";
  if (present.length > 0 && present.every((value) => typeof value === "string" && !Number.isNaN(parseIsoDate(value)))) return "date";
  return "string";
}

function cellOf(value: SqliteValue, type: SqlColumnType): SqlCell {
  if (value === null) return null;
  if (typeof value === "object") return `base64:${value.blob}`;
  if (type === "number") return value;
  return String(value);
}

/** What sql.js says about a failed query, in the user's terms (its messages name no paths or secrets). */
function sqliteFailure(message: string, label: string): ConnectionError {
  if (/file is not a database|file is encrypted/i.test(message)) return new ConnectionError("notFound", `The file of ${label} is not an SQLite database.`);
  if (/readonly|read-only|attempt to write/i.test(message)) return new ConnectionError("readOnly", READ_ONLY_MESSAGE);
  const syntax = /near "(.*)": syntax error/.exec(message);
  if (syntax) return new ConnectionError("syntax", `Syntax error near "${syntax[1]}": ${message}`);
  return new ConnectionError("query", `The query failed: ${message.slice(0, 500)}`);
}

export async function querySqlite(file: string, label: string, query: string, limits: QueryLimits, signal: AbortSignal): Promise<SqlQueryResult> {
  signal.throwIfAborted();
  const bytes = await readFile(file);
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    env: {},
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
    workerData: { sqlJsPath: resolvePackageEntry("sql.js"), bytes, query, maxRows: limits.maxRows, maxChars: limits.maxChars },
  });
  const raw = await new Promise<unknown>((resolve, reject) => {
    const finish = (outcome: { value: unknown } | { error: Error }) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      void worker.terminate();
      if ("error" in outcome) reject(outcome.error);
      else resolve(outcome.value);
    };
    const onAbort = () => finish({ error: signal.reason instanceof Error ? signal.reason : new Error("The run was cancelled") });
    const timer = setTimeout(() => finish({ error: queryTimedOut(label, limits.timeoutMs) }), limits.timeoutMs);
    signal.addEventListener("abort", onAbort, { once: true });
    worker.once("message", (value: unknown) => finish({ value }));
    worker.once("error", () => finish({ error: new ConnectionError("tooLarge", `The query on ${label} ran out of memory; read fewer rows or columns.`) }));
    worker.once("exit", () => finish({ error: new ConnectionError("query", `The query on ${label} stopped unexpectedly.`) }));
  });
  const reply = replySchema.parse(raw);
  if (!reply.ok) throw reply.tooLarge ? resultTooLarge(label, limits.maxChars) : sqliteFailure(reply.message, label);
  const types = reply.names.map((_, c) => columnType(reply.rows.map((row) => row[c] ?? null)));
  return {
    columns: reply.names.map((name, c) => ({ name, type: types[c]! })),
    rows: reply.rows.map((row) => row.map((value, c) => cellOf(value, types[c]!))),
    truncated: reply.truncated,
  };
}
