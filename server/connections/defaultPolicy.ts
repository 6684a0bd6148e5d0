import "server-only";
import { databaseUrl, env } from "../env";
import { ConnectionPolicy, parseAllowedHosts, type AllowedHost } from "./connectionPolicy";

/**
 * The hosts of VAJRA_SQL_ALLOWED_HOSTS, plus the embedded PostgreSQL where this server runs one (DATABASE_URL
 * unset): its host and port as this server reaches them. A managed DATABASE_URL is not added: it is the app's
 * own database, reachable only when an administrator lists it.
 */
function allowedHosts(): AllowedHost[] {
  const configured = parseAllowedHosts(env.VAJRA_SQL_ALLOWED_HOSTS);
  if (env.DATABASE_URL) return configured;
  const embedded = new URL(databaseUrl);
  return [...configured, { host: embedded.hostname, port: Number(embedded.port || 5432) }];
}

let policy: ConnectionPolicy | undefined;

export function defaultConnectionPolicy(): ConnectionPolicy {
  policy ??= new ConnectionPolicy(allowedHosts(), env.DATA_DIR);
  return policy;
}
