import "server-only";
import { roleSatisfies, type Role } from "@/contracts/projectRoles";
import type { SqlQueryRequest, SqlQueryResult } from "@/pipeline/spec/sqlSource";
import type { Db } from "../db";
import { isUniqueViolation } from "../db/uniqueViolation";
import { DomainError } from "../errors/domainError";
import { parseStoredConfig, type ConnectionConfig, type ConnectionInput, type ConnectionUpdate, type PostgresConfig } from "./connectionConfig";
import { ConnectionError, withoutSecrets } from "./connectionErrors";
import type { ConnectionPolicy } from "./connectionPolicy";
import { openPassword, sealPassword } from "./connectionSecrets";
import { queryPostgres } from "./postgresQuery";
import { MAX_RESULT_CHARS } from "./queryLimits";
import { checkReadOnlyQuery } from "./readOnlySql";
import { SecretDecryptionError } from "./secretBox";
import { querySqlite } from "./sqliteQuery";

/** What an editor sees of a connection: everything but the password (only whether one is set). */
export type EditorConnectionView = { id: string; name: string; hasPassword: boolean; updatedAt: Date } & ConnectionConfig;
/** A viewer sees names only: hosts, users and file paths are for those who may use the connection. */
export type ViewerConnectionView = { name: string };

const TEST_QUERY = "SELECT 1 AS ok";
const TEST_LIMITS = { maxRows: 1, timeoutMs: 10_000, maxChars: MAX_RESULT_CHARS };

interface ConnectionRow {
  id: string;
  name: string;
  kind: string;
  config: string;
  secretCiphertext: string | null;
  updatedAt: Date;
}

function editorView(row: ConnectionRow): EditorConnectionView {
  return { id: row.id, name: row.name, hasPassword: row.secretCiphertext !== null, updatedAt: row.updatedAt, ...parseStoredConfig(row.kind, row.config) };
}

export type ConnectionList = { editable: true; connections: EditorConnectionView[] } | { editable: false; connections: ViewerConnectionView[] };

export async function listConnections(db: Db, projectId: string, role: Role): Promise<ConnectionList> {
  const rows = await db.dataConnection.findMany({ where: { projectId }, orderBy: { name: "asc" } });
  if (!roleSatisfies(role, "editor")) return { editable: false, connections: rows.map((row) => ({ name: row.name })) };
  return { editable: true, connections: rows.map(editorView) };
}

function storedFields(input: ConnectionInput | ConnectionUpdate) {
  return { name: input.name, kind: input.kind, config: JSON.stringify(input.config) };
}

async function sameNameError<T>(write: Promise<T>, name: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", `This project already has a connection named "${name}".`);
    throw error;
  }
}

function checkPolicy(policy: ConnectionPolicy, projectId: string, config: ConnectionConfig): void {
  // A file outside the project's folder is refused when saved; whether it exists is the test's business.
  if (config.kind !== "sqlite") return;
  try {
    policy.sqlitePath(projectId, config.config.path);
  } catch (error) {
    if (error instanceof ConnectionError && error.failure === "notAllowed") throw new DomainError("invalid", error.message);
  }
}

export async function createConnection(
  db: Db,
  policy: ConnectionPolicy,
  projectId: string,
  userId: string,
  input: ConnectionInput,
): Promise<EditorConnectionView> {
  checkPolicy(policy, projectId, input);
  const secretCiphertext = input.kind === "postgres" && input.password !== "" ? sealPassword(projectId, input.password) : null;
  const row = await sameNameError(db.dataConnection.create({ data: { projectId, createdById: userId, secretCiphertext, ...storedFields(input) } }), input.name);
  return editorView(row);
}

async function requireConnection(db: Db, projectId: string, id: string): Promise<ConnectionRow> {
  const row = await db.dataConnection.findFirst({ where: { id, projectId } });
  if (!row) throw new DomainError("notFound", "Connection not found in this project.");
  return row;
}

/** The password stays as it was unless a new one is sent; switching to SQLite drops it. */
export async function updateConnection(
  db: Db,
  policy: ConnectionPolicy,
  projectId: string,
  id: string,
  input: ConnectionUpdate,
): Promise<EditorConnectionView> {
  const existing = await requireConnection(db, projectId, id);
  checkPolicy(policy, projectId, input);
  if (input.kind === "postgres" && input.password === undefined && existing.secretCiphertext !== null && movesPassword(existing, input.config)) {
    // Otherwise an editor could send the stored password to a server of their own choosing.
    throw new DomainError("invalid", "Enter the password again when changing the host, port, user or SSL setting.");
  }
  const secretCiphertext =
    input.kind !== "postgres"
      ? null
      : input.password === undefined
        ? existing.secretCiphertext
        : input.password === ""
          ? null
          : sealPassword(projectId, input.password);
  const row = await sameNameError(db.dataConnection.update({ where: { id: existing.id }, data: { ...storedFields(input), secretCiphertext } }), input.name);
  return editorView(row);
}

/** Whether the stored password would go somewhere else (or in the clear) with these settings. */
function movesPassword(existing: ConnectionRow, next: PostgresConfig): boolean {
  const stored = parseStoredConfig(existing.kind, existing.config);
  if (stored.kind !== "postgres") return true;
  const before = stored.config;
  return before.host !== next.host || before.port !== next.port || before.user !== next.user || (before.ssl && !next.ssl);
}

export async function deleteConnection(db: Db, projectId: string, id: string): Promise<void> {
  const existing = await requireConnection(db, projectId, id);
  await db.dataConnection.delete({ where: { id: existing.id } });
}

/** Runs one read-only query on a stored connection; failures are ConnectionErrors whose message is for the user. */
async function runOnConnection(
  policy: ConnectionPolicy,
  projectId: string,
  row: ConnectionRow,
  request: Omit<SqlQueryRequest, "connection">,
  signal: AbortSignal,
) {
  const label = `connection "${row.name}"`;
  const stored = parseStoredConfig(row.kind, row.config);
  const readOnly = checkReadOnlyQuery(request.query, stored.kind);
  if (!readOnly.ok) throw new ConnectionError("readOnly", readOnly.message);
  const limits = { maxRows: request.maxRows, timeoutMs: request.timeoutMs, maxChars: MAX_RESULT_CHARS };
  if (stored.kind === "sqlite") return querySqlite(policy.sqlitePath(projectId, stored.config.path), label, request.query, limits, signal);
  let password = "";
  try {
    password = row.secretCiphertext === null ? "" : openPassword(projectId, row.secretCiphertext);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    throw new ConnectionError("secret", `The password of ${label} can no longer be read (the server's key has changed): an editor must enter it again.`);
  }
  const address = await policy.postgresAddress(stored.config.host, stored.config.port);
  try {
    return await queryPostgres({ address, config: stored.config, password, label }, request.query, limits, signal);
  } catch (error) {
    if (error instanceof ConnectionError) throw new ConnectionError(error.failure, withoutSecrets(error.message, [password]));
    throw error;
  }
}

/** The query of a SQL query node: the connection is looked up by name in the run's project only. */
export async function queryProjectConnection(
  db: Db,
  policy: ConnectionPolicy,
  projectId: string,
  request: SqlQueryRequest,
  signal: AbortSignal,
): Promise<SqlQueryResult> {
  const row = await db.dataConnection.findUnique({ where: { projectId_name: { projectId, name: request.connection.trim() } } });
  if (!row) throw new ConnectionError("notFound", `This project has no connection named "${request.connection}": add it on the project's Connections page.`);
  return runOnConnection(policy, projectId, row, request, signal);
}

export type ConnectionTestResult = { ok: true; message: string } | { ok: false; message: string };

/** Connects and runs a trivial query, answering what a user needs to fix when that fails. */
export async function testConnection(db: Db, policy: ConnectionPolicy, projectId: string, id: string): Promise<ConnectionTestResult> {
  const row = await requireConnection(db, projectId, id);
  try {
    await runOnConnection(policy, projectId, row, { query: TEST_QUERY, ...TEST_LIMITS }, AbortSignal.timeout(TEST_LIMITS.timeoutMs * 2));
    return { ok: true, message: `Connected to "${row.name}".` };
  } catch (error) {
    if (error instanceof ConnectionError) return { ok: false, message: error.message };
    throw error;
  }
}
