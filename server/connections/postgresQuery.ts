import pg from "pg";
import type { SqlCell, SqlColumnType, SqlQueryResult } from "@/pipeline/spec/sqlSource";
import type { PostgresConfig } from "./connectionConfig";
import { postgresFailure } from "./connectionErrors";
import { resultTooLarge, type QueryLimits } from "./queryLimits";

export interface PostgresTarget {
  /** The address the allow-list checked; the configured host name is kept only for TLS's server name. */
  address: string;
  config: PostgresConfig;
  password: string;
  /** How the connection is named in messages, e.g. `connection "warehouse"`. */
  label: string;
}

/** Rows are fetched in batches sized from the rows seen so far, so one batch holds about this many characters. */
const BATCH_CHARS = 4 * 1024 * 1024;
const MAX_BATCH_ROWS = 1000;

const CONNECT_TIMEOUT_MS = 10_000;
const CURSOR = "vajra_query";
const CURSOR_PREFIX = `DECLARE ${CURSOR} NO SCROLL CURSOR FOR `;

/** By type OID (pg_type): what each column becomes in the table. */
const NUMBER_TYPES = new Set([20, 21, 23, 26, 700, 701, 1700]);
const BOOLEAN_TYPE = 16;
const DATE_TYPE = 1082;
const TIMESTAMP_TYPE = 1114;
const TIMESTAMPTZ_TYPE = 1184;

function columnType(oid: number): SqlColumnType {
  if (NUMBER_TYPES.has(oid)) return "number";
  if (oid === BOOLEAN_TYPE) return "boolean";
  if (oid === DATE_TYPE || oid === TIMESTAMP_TYPE || oid === TIMESTAMPTZ_TYPE) return "date";
  return "string";
}

/** A value as PostgreSQL wrote it (text format) in the column's table type. */
function cellOf(text: string | null, oid: number): SqlCell {
  if (text === null) return null;
  switch (columnType(oid)) {
    case "number": {
      const number = Number(text);
      return Number.isFinite(number) ? number : null;
    }
    case "boolean":
      return text === "t";
    case "date":
      return isoDate(text, oid);
    case "string":
      return text;
  }
}

/** `2024-01-05 10:00:00+01` → `2024-01-05T09:00:00.000Z`; a timestamp without zone stays without (read as UTC). */
function isoDate(text: string, oid: number): string | null {
  if (text === "infinity" || text === "-infinity" || text.endsWith(" BC")) return null;
  if (oid === DATE_TYPE) return text;
  const iso = text.replace(" ", "T");
  if (oid === TIMESTAMP_TYPE) return iso;
  const parsed = new Date(iso.replace(/([+-]\d\d)$/, "$1:00"));
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

/** Every value arrives as PostgreSQL's text, and cellOf types it by the column's OID. */
const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/**
 * Runs one read-only query: a READ ONLY transaction (the real guard against writes, whatever the query
 * says), a statement timeout set inside it, and a cursor fetched for one row more than the limit, to
 * tell the user the result was cut. The extended protocol refuses a second statement in the text.
 */
export async function queryPostgres(target: PostgresTarget, query: string, limits: QueryLimits, signal: AbortSignal): Promise<SqlQueryResult> {
  const { address, config, password, label } = target;
  const client = new pg.Client({
    host: address,
    port: config.port,
    database: config.database,
    user: config.user,
    // A function is used as given: with a plain empty string, pg would fall back to the server's own PGPASSWORD or ~/.pgpass.
    password: () => password,
    ssl: config.ssl ? { servername: config.host, rejectUnauthorized: true } : false,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: limits.timeoutMs + CONNECT_TIMEOUT_MS,
    application_name: "vajra-sql-query",
    options: "-c default_transaction_read_only=on",
    types: rawText,
  });
  // A socket error after connecting would otherwise be an unhandled 'error' event.
  client.on("error", () => undefined);
  const abort = () => void client.end().catch(() => undefined);
  signal.addEventListener("abort", abort, { once: true });
  try {
    signal.throwIfAborted();
    await client.connect();
    await client.query("BEGIN READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(limits.timeoutMs))}`);
    const body = query.replace(/[\s;]+$/, "");
    await client.query({ text: `${CURSOR_PREFIX}${body}`, queryMode: "extended" } as pg.QueryConfig);
    const texts: (string | null)[][] = [];
    let fields: pg.FieldDef[] = [];
    let chars = 0;
    // One row first, then batches sized so each holds about BATCH_CHARS, until one row past the limit.
    for (let batch = 1; texts.length <= limits.maxRows;) {
      const wanted = Math.min(batch, limits.maxRows + 1 - texts.length);
      const fetched = await client.query({ text: `FETCH FORWARD ${wanted} FROM ${CURSOR}`, rowMode: "array" } as pg.QueryArrayConfig);
      fields = fetched.fields;
      for (const row of fetched.rows as (string | null)[][]) {
        for (const text of row) chars += text === null ? 1 : text.length;
        texts.push(row);
      }
      if (chars > limits.maxChars) throw resultTooLarge(label, limits.maxChars);
      if (fetched.rows.length < wanted) break;
      batch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(BATCH_CHARS / Math.max(1, chars / texts.length))));
    }
    await client.query("ROLLBACK");
    return {
      columns: fields.map((field) => ({ name: field.name, type: columnType(field.dataTypeID) })),
      rows: texts.slice(0, limits.maxRows).map((row) => row.map((text, c) => cellOf(text, fields[c]!.dataTypeID))),
      truncated: texts.length > limits.maxRows,
    };
  } catch (error) {
    signal.throwIfAborted();
    throw postgresFailure(shiftPosition(error), label, limits.timeoutMs);
  } finally {
    signal.removeEventListener("abort", abort);
    await client.end().catch(() => undefined);
  }
}

/** A syntax error's position counts from the start of the user's query, not of the DECLARE around it. */
function shiftPosition(error: unknown): unknown {
  if (typeof error !== "object" || error === null || !("position" in error) || typeof error.position !== "string") return error;
  const position = Number(error.position) - CURSOR_PREFIX.length;
  return Object.assign(error, { position: String(Math.max(1, position)) });
}
