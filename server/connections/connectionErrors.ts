import { READ_ONLY_MESSAGE } from "./readOnlySql";

/**
 * A connection or query failure in words a user can act on. Messages never carry the password, the
 * connection string or a server path; a driver's own message is passed on only where it is about the
 * user's query (a syntax error, an unknown column).
 */
export type ConnectionFailure =
  "notAllowed" | "unreachable" | "authentication" | "noDatabase" | "syntax" | "query" | "readOnly" | "timeout" | "notFound" | "secret" | "tooLarge";

export class ConnectionError extends Error {
  override name = "ConnectionError";
  constructor(
    readonly failure: ConnectionFailure,
    message: string,
  ) {
    super(message);
  }
}

interface DriverError {
  code?: unknown;
  position?: unknown;
  message?: unknown;
}

/** PostgreSQL SQLSTATE classes whose server message speaks about the query itself (42: syntax or access rule, 22: data). */
const QUERY_CLASSES = ["42", "22", "21", "0A"];

/** Maps a `pg` failure (SQLSTATE or a socket error) to a ConnectionError; `where` names the connection. */
export function postgresFailure(error: unknown, where: string, timeoutMs: number): ConnectionError {
  if (error instanceof ConnectionError) return error;
  const { code, position, message } = (typeof error === "object" && error !== null ? error : {}) as DriverError;
  const text = typeof message === "string" ? message : "";
  // pg refuses to answer a password challenge without a password before the server can say so.
  if (code === undefined && text.startsWith("SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be"))
    return new ConnectionError("authentication", `Authentication failed for ${where}: the server asks for a password and none is saved.`);
  switch (code) {
    case "28P01":
    case "28000":
      return new ConnectionError("authentication", `Authentication failed for ${where}: check the user name and password.`);
    case "3D000":
      return new ConnectionError("noDatabase", `The database of ${where} does not exist.`);
    case "57014":
      return queryTimedOut(where, timeoutMs);
    case "25006":
      return new ConnectionError("readOnly", READ_ONLY_MESSAGE);
    case "42601":
      return new ConnectionError("syntax", `Syntax error at position ${typeof position === "string" ? position : "?"}: ${text}`);
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ETIMEDOUT":
    case "ECONNRESET":
      return new ConnectionError("unreachable", `The host of ${where} is unreachable.`);
  }
  if (typeof code === "string" && QUERY_CLASSES.some((prefix) => code.startsWith(prefix)) && text) {
    return new ConnectionError("query", `The query failed: ${text}`);
  }
  if (/timeout|terminated/i.test(text)) return new ConnectionError("unreachable", `The host of ${where} did not answer in time.`);
  if (/ssl|tls|certificate/i.test(text)) return new ConnectionError("unreachable", `Could not open a secure (SSL) connection to ${where}.`);
  return new ConnectionError("unreachable", `Could not read from ${where}${typeof code === "string" ? ` (error ${code})` : ""}.`);
}

/** A message with every occurrence of the secrets replaced, the last line of defence should a driver echo one. */
export function withoutSecrets(message: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= 3).reduce((text, secret) => text.split(secret).join("•••"), message);
}

/** A query stopped at its time limit, on either kind of database. */
export function queryTimedOut(where: string, timeoutMs: number): ConnectionError {
  return new ConnectionError("timeout", `The query on ${where} took longer than ${Math.round(timeoutMs / 1000)} s and was cancelled.`);
}
