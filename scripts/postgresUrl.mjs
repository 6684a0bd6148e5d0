// Where the embedded PostgreSQL of a DATA_DIR lives and its URL, read from disk without starting
// anything: server/env.ts uses embeddedDatabaseUrl() when DATABASE_URL is unset, and
// scripts/postgres.mjs (the one module that starts, reuses and stops the server) the rest.
// Paths come from DATA_DIR at run time, so the bundler is told not to trace them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Default port of the embedded server; VAJRA_POSTGRES_PORT changes it (e.g. when two checkouts run side by side). */
export const DEFAULT_EMBEDDED_PORT = 25432;
export const USER = "vajra";
export const DATABASE = "vajra";
/** Where data lives when DATA_DIR is unset (server/env.ts's default too). */
export const DEFAULT_DATA_DIR = "./data";

/** DATA_DIR as the app resolves it (relative paths from the repo root, every entry point's working directory). */
export function dataDirectory(env = process.env) {
  return path.resolve(root, env.DATA_DIR || DEFAULT_DATA_DIR);
}

export function configuredPort(env = process.env) {
  const port = Number(env.VAJRA_POSTGRES_PORT || DEFAULT_EMBEDDED_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`VAJRA_POSTGRES_PORT must be a port number, got "${env.VAJRA_POSTGRES_PORT}"`);
  return port;
}

/**
 * Where the cluster lives. Normally DATA_DIR/postgres. PostgreSQL refuses to run as root, so
 * as root it runs as the `postgres` user, which must be able to reach the directory: when
 * DATA_DIR sits somewhere that user cannot enter (a checkout under /root), the cluster goes to
 * /var/lib/vajra-postgres/<hash of DATA_DIR> and DATA_DIR/postgres is a link to it.
 */
export function layout(dataDir) {
  const home = path.join(dataDir, "postgres");
  let clusterHome = home;
  try {
    clusterHome = fs.realpathSync(/* turbopackIgnore: true */ home);
  } catch {
    // not created yet
  }
  return {
    home,
    password: path.join(dataDir, "postgres.password"),
    pgdata: path.join(clusterHome, "data"),
    log: path.join(clusterHome, "server.log"),
  };
}

/** Port and pid of the postmaster running on `pgdata`, from its postmaster.pid, or null. */
export function runningServer(pgdata) {
  let text;
  try {
    text = fs.readFileSync(/* turbopackIgnore: true */ path.join(pgdata, "postmaster.pid"), "utf8");
  } catch {
    return null;
  }
  const [pid, , , port] = text.split("\n");
  const server = { pid: Number(pid), port: Number(port) };
  if (!Number.isInteger(server.pid) || !Number.isInteger(server.port)) return null;
  try {
    process.kill(server.pid, 0);
  } catch (e) {
    if (e.code === "ESRCH") return null; // stale file from a crash; pg_ctl start cleans it up
  }
  return server;
}

export function readPassword(file) {
  try {
    return fs.readFileSync(/* turbopackIgnore: true */ file, "utf8").trim();
  } catch {
    return null;
  }
}

/** The embedded server's URL on `port`; without a password (no cluster yet) it can only fail, with a clear error. */
export function urlFor(port, password) {
  const credentials = password ? `${USER}:${encodeURIComponent(password)}` : USER;
  return `postgres://${credentials}@127.0.0.1:${port}/${DATABASE}`;
}

/** The same server as `url`, another database on it (`postgres` is the one to create and drop others from). */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/**
 * The embedded server's URL for `dataDir`, without starting anything, or null when no cluster was
 * ever created there (server/env.ts uses it when DATABASE_URL is unset: the migrate step before
 * `npm run dev` / `npm start` has started the server). The port is the running server's, else the
 * configured one.
 */
export function embeddedDatabaseUrl(dataDir = dataDirectory(), env = process.env) {
  const where = layout(dataDir);
  const password = readPassword(where.password);
  if (!password) return null;
  return urlFor(runningServer(where.pgdata)?.port ?? configuredPort(env), password);
}
