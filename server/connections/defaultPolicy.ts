import "server-only";
import { databaseUrl, env } from "../env";
import { ConnectionPolicy, defaultAllowedHosts } from "./connectionPolicy";

let policy: ConnectionPolicy | undefined;

/** This server's policy: VAJRA_SQL_ALLOWED_HOSTS, plus its embedded PostgreSQL when it runs one (DATABASE_URL unset). */
export function defaultConnectionPolicy(): ConnectionPolicy {
  policy ??= new ConnectionPolicy(defaultAllowedHosts(env.VAJRA_SQL_ALLOWED_HOSTS, env.DATABASE_URL ? null : databaseUrl), env.DATA_DIR);
  return policy;
}
