#!/usr/bin/env node
// Offline stand-in for Prisma's Rust `schema-engine` binary.
//
// The Prisma 7 CLI (generate, migrate *, db push/pull/execute) spawns the
// binary named by PRISMA_SCHEMA_ENGINE_BINARY in one of three ways:
//
//   schema-engine --version                                  -> print version
//   schema-engine --datasource '{"url":..}' cli <command>    -> one-shot command
//       (can-connect-to-database, create-database; errors are JSON log lines
//        on stderr, exit code 1)
//   schema-engine [--datamodels <file>]... [--datasource '{..}']
//       -> JSON-RPC 2.0 over stdio, one JSON object per line; the engine may
//          send `print` requests back to the CLI (used for `migrate diff`).
//
// This script implements that contract on top of @prisma/schema-engine-wasm
// (pinned to the engine hash prisma 7.10.0 expects) and the better-sqlite3
// driver adapter. Only SQLite (`file:` URLs) is supported.
//
// Gaps in the wasm engine that are patched here:
//  - multi-statement SQL sent through executeRaw/queryRaw falls back to the
//    driver's exec() (better-sqlite3 prepares one statement at a time);
//  - devDiagnostic and markMigrationApplied fail on a database without
//    `_prisma_migrations`, so the table is created first (as the native engine
//    does); diagnoseMigrationHistory reports it as absent;
//  - evaluateDataLoss/createMigration need devDiagnostic to have run for the
//    same migration list (it fills the shadow-schema cache), so it is run
//    first each time;
//  - reset recreates the SQLite file itself (the wasm fallback cannot reset,
//    and dropping tables would leave `sqlite_sequence` behind);
//  - createDatabase / getDatabaseVersion / dbExecute are handled here;
//  - driver errors the engine cannot decode (SocketTimeout, plain JS errors)
//    are turned into SQLite errors with a readable message.
//
// Set PRISMA_SHIM_DEBUG=/some/file.log to log engine messages and every SQL
// statement there (the CLI swallows the engine's stderr unless DEBUG is set).

import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const DEBUG_FILE = process.env.PRISMA_SHIM_DEBUG;
const DEBUG = !!DEBUG_FILE;
function debug(text) {
  if (!DEBUG) return;
  const line = String(text).trimEnd() + "\n";
  if (DEBUG_FILE === "1") process.stderr.write(line);
  else fs.appendFileSync(DEBUG_FILE, line);
}

const WASM_JS = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
const WASM_DIR = path.dirname(WASM_JS);

function engineHash() {
  const { version } = JSON.parse(fs.readFileSync(path.join(WASM_DIR, "package.json"), "utf8"));
  // "7.10.0-4.<40-hex-hash>"
  return String(version).split(".").pop();
}

// ---------------------------------------------------------------- logging --

function logLine(level, message, extra = {}) {
  process.stderr.write(
    JSON.stringify({
      timestamp: new Date().toISOString(),
      level,
      fields: { message, ...extra },
      target: "schema_engine::logger",
    }) + "\n",
  );
}

// -------------------------------------------------------------- arguments --

function parseArgs(argv) {
  const out = { datamodels: [], datasource: undefined, cli: undefined, version: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--version" || a === "-V") out.version = true;
    else if (a === "--help" || a === "-h") out.help = true;
    else if (a === "--datamodels" || a === "-d") out.datamodels.push(argv[++i]);
    else if (a === "--datasource") out.datasource = JSON.parse(argv[++i]);
    else if (a === "--enabled-preview-features" || a === "--extension-types") i++;
    else if (a === "cli") {
      out.cli = argv[++i];
      break;
    }
  }
  return out;
}

// ------------------------------------------------------------------ SQLite --

class UserError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** `file:./data/x.db?opts` -> absolute path (relative to cwd, which the CLI sets to the config dir). */
function sqlitePath(url) {
  if (typeof url !== "string" || url === "") {
    throw new UserError("The datasource URL is empty. Set `datasource.url` in prisma.config.ts.", "P1012");
  }
  if (!url.startsWith("file:")) {
    throw new UserError(
      `This offline schema engine (scripts/prisma-schema-engine.mjs) supports only SQLite \`file:\` URLs, got \`${url.split(":")[0]}:\`.`,
      "P1013",
    );
  }
  let p = url.slice("file:".length);
  const q = p.indexOf("?");
  if (q >= 0) p = p.slice(0, q);
  if (p.startsWith("//")) p = p.slice(2); // file://abs/path
  if (p === ":memory:") return p;
  return path.resolve(process.cwd(), decodeURIComponent(p));
}

function openDb(file) {
  const Database = require("better-sqlite3");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new Database(file);
}

// ---------------------------------------------------------- one-shot mode --

function runCliCommand(args) {
  try {
    const url = args.datasource?.url;
    const file = sqlitePath(url);
    switch (args.cli) {
      case "can-connect-to-database": {
        if (file !== ":memory:" && !fs.existsSync(file)) {
          throw new UserError(`Database \`${path.basename(file)}\` does not exist at \`${file}\``, "P1003");
        }
        return 0;
      }
      case "create-database": {
        if (file !== ":memory:") openDb(file).close();
        process.stdout.write(JSON.stringify({ databaseName: path.basename(file) }) + "\n");
        return 0;
      }
      case "drop-database": {
        if (file !== ":memory:") for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
        return 0;
      }
      default:
        throw new UserError(`Unknown schema engine cli command \`${args.cli}\``);
    }
  } catch (e) {
    // The CLI skips the first stderr line and parses the others as JSON.
    logLine("INFO", "Starting schema engine CLI (wasm shim)");
    logLine("ERROR", e.message, e.code ? { error_code: e.code } : {});
    return 1;
  }
}

// -------------------------------------------------------- driver adapter --

// better-sqlite3 prepares exactly one statement; migrations may hold many, or none (comments only).
const NOT_ONE_STATEMENT = /more than one statement|contains no statements/i;

function toDriverError(e) {
  if (e && e.name === "DriverAdapterError" && typeof e.cause === "object") {
    const c = e.cause;
    if (c.kind === "SocketTimeout") return { kind: "sqlite", extendedCode: 5, message: "database is locked (another process holds the SQLite file)" };
    return c;
  }
  return { kind: "sqlite", extendedCode: 1, message: String(e?.message ?? e) };
}

const ok = (value) => ({ ok: true, value });
const err = (error) => ({ ok: false, error });
const wrap =
  (fn) =>
  async (...a) => {
    try {
      return ok(await fn(...a));
    } catch (e) {
      debug(`[shim] driver error: ${e?.stack ?? e}`);
      return err(toDriverError(e));
    }
  };

function debugSql(tag, q) {
  if (DEBUG) debug(`[shim:${tag}] ${typeof q === "string" ? q : q.sql}`);
}

/** Runs a query; if better-sqlite3 refuses it for holding several statements, runs it as a script. */
async function runRaw(target, method, q) {
  debugSql(method, q);
  try {
    return await target[method](q);
  } catch (e) {
    if (q.args.length === 0 && NOT_ONE_STATEMENT.test(String(e?.message))) {
      target.client.exec(q.sql);
      return method === "executeRaw" ? 0 : { columnNames: [], columnTypes: [], rows: [] };
    }
    throw e;
  }
}

function bindQueryable(get, info) {
  return {
    provider: info.provider,
    adapterName: info.adapterName,
    queryRaw: wrap(async (q) => runRaw(await get(), "queryRaw", q)),
    executeRaw: wrap(async (q) => runRaw(await get(), "executeRaw", q)),
  };
}

function bindTransaction(tx) {
  const b = bindQueryable(() => tx, tx);
  b.options = tx.options;
  b.commit = wrap(() => tx.commit());
  b.rollback = wrap(() => tx.rollback());
  for (const m of ["createSavepoint", "rollbackToSavepoint", "releaseSavepoint"]) {
    if (typeof tx[m] === "function") b[m] = wrap((n) => tx[m](n));
  }
  return b;
}

/**
 * Binds a connection for the engine. `get()` resolves the driver connection,
 * which may be opened lazily and swapped later (reset recreates the file).
 */
function bindAdapter(get, info, onDispose) {
  const b = bindQueryable(get, info);
  b.executeScript = wrap(async (s) => {
    debugSql("executeScript", s);
    return (await get()).executeScript(s);
  });
  b.startTransaction = wrap(async (level) => bindTransaction(await (await get()).startTransaction(level)));
  b.dispose = wrap(async () => onDispose());
  return b;
}

// ---------------------------------------------------------------- engine --

async function loadWasm() {
  const bg = await import(pathToFileURL(WASM_JS).href);
  const bytes = fs.readFileSync(path.join(WASM_DIR, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

class Shim {
  constructor(args) {
    this.args = args;
    this.mainConnections = new Set();
  }

  async init() {
    const { datasource, datamodels } = this.args;
    this.dbFile = sqlitePath(datasource?.url);
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    const shadowUrl = datasource?.shadowDatabaseUrl;
    const factory = new PrismaBetterSqlite3(
      { url: this.dbFile === ":memory:" ? ":memory:" : `file:${this.dbFile}` },
      shadowUrl ? { shadowDatabaseUrl: `file:${sqlitePath(shadowUrl)}` } : undefined,
    );
    const conns = this.mainConnections;
    this.factory = factory;
    const bound = {
      provider: factory.provider,
      adapterName: factory.adapterName,
      errorRegistry: { consumeError: () => undefined },
      connect: wrap(async () => {
        // The engine connects as soon as it starts; open the file only when
        // it is first queried, so `migrate diff --from-migrations` never
        // touches (or creates) the main database.
        const holder = { raw: undefined };
        const get = async () => {
          if (!holder.raw) {
            if (this.dbFile !== ":memory:") fs.mkdirSync(path.dirname(this.dbFile), { recursive: true });
            holder.raw = await factory.connect();
            conns.add(holder);
          }
          return holder.raw;
        };
        return bindAdapter(get, factory, async () => {
          conns.delete(holder);
          await holder.raw?.dispose();
          holder.raw = undefined;
        });
      }),
      connectToShadowDb: wrap(async () => {
        const raw = await factory.connectToShadowDb();
        return bindAdapter(
          async () => raw,
          factory,
          () => raw.dispose(),
        );
      }),
    };
    const files = (datamodels ?? []).map((f) => [f, fs.readFileSync(f, "utf8")]);
    const wasm = await loadWasm();
    this.engine = await wasm.SchemaEngine.new(
      { datamodels: files.length ? files : undefined },
      (line) => {
        if (line) debug(line);
      },
      bound,
    );
  }

  /** A better-sqlite3 connection to the main database (the engine's own, if it has one: it holds an exclusive lock). */
  withMainDb(fn) {
    const [holder] = this.mainConnections;
    if (holder) return fn(holder.raw.client);
    const db = openDb(this.dbFile);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  ensureMigrationsTable() {
    this.withMainDb((db) =>
      db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`),
    );
  }

  hasMigrationsTable() {
    return this.withMainDb((db) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get());
  }

  /**
   * evaluateDataLoss/createMigration read the schema of the migration history
   * from a cache that only devDiagnostic fills (it owns the shadow database
   * factory); devDiagnostic skips that when migrations are pending, so run it
   * again (cheap once cached) before each of them.
   */
  async warmShadowSchema(input) {
    await this.devDiagnostic({ migrationsList: input.migrationsList, filters: input.filters });
  }

  // ---- RPC methods ----

  async devDiagnostic(input) {
    this.ensureMigrationsTable();
    return this.engine.devDiagnostic(input);
  }

  async evaluateDataLoss(input) {
    await this.warmShadowSchema(input);
    return this.engine.evaluateDataLoss(input);
  }

  async createMigration(input) {
    await this.warmShadowSchema(input);
    return this.engine.createMigration(input);
  }

  async markMigrationApplied(input) {
    // Baselining an existing database (`migrate resolve --applied`) starts the history table.
    this.ensureMigrationsTable();
    return this.engine.markMigrationApplied(input);
  }

  async diagnoseMigrationHistory(input) {
    if (!this.hasMigrationsTable()) {
      const names = input.migrationsList.migrationDirectories.map((d) => d.path);
      return {
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: false,
        history: names.length ? { diagnostic: "databaseIsBehind", unappliedMigrationNames: names } : null,
      };
    }
    return this.engine.diagnoseMigrationHistory(input);
  }

  async diff(params) {
    const out = await this.engine.diff(params);
    if (out.stdout != null && out.stdout !== "") await this.print(out.stdout.replace(/\n$/, ""));
    return { exitCode: out.exitCode, stdout: null };
  }

  async reset(input) {
    const external = input?.filter?.externalTables ?? [];
    if (external.length === 0 && this.dbFile !== ":memory:") {
      // Like the native engine on SQLite: start again from an empty file
      // (dropping tables would leave `sqlite_sequence`, which makes Migrate
      // think the schema is not empty: P3005).
      this.close(); // the engine's connections reopen on their next query
      for (const f of ["", "-journal", "-wal", "-shm"]) fs.rmSync(this.dbFile + f, { force: true });
      openDb(this.dbFile).close();
    } else {
      this.dropAllExcept(new Set(external));
    }
    return {};
  }

  dropAllExcept(keep) {
    this.withMainDb((db) => {
      const objects = db
        .prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('view', 'table', 'trigger')")
        .all()
        .filter((o) => !keep.has(o.name));
      const fk = db.pragma("foreign_keys", { simple: true });
      db.pragma("foreign_keys = OFF");
      try {
        db.exec("BEGIN");
        for (const type of ["trigger", "view", "table"]) {
          for (const o of objects.filter((x) => x.type === type)) {
            db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${o.name.replaceAll('"', '""')}"`);
          }
        }
        db.exec("COMMIT");
      } catch (e) {
        db.exec("ROLLBACK");
        throw e;
      } finally {
        db.pragma(`foreign_keys = ${fk ? "ON" : "OFF"}`);
      }
    });
  }

  async dbExecute(params) {
    const ds = params.datasourceType;
    const file = ds?.tag === "url" ? sqlitePath(ds.url) : this.dbFile;
    if (file === this.dbFile) this.withMainDb((db) => db.exec(params.script));
    else {
      const db = openDb(file);
      try {
        db.exec(params.script);
      } finally {
        db.close();
      }
    }
    return {};
  }

  async createDatabase() {
    if (this.dbFile !== ":memory:") openDb(this.dbFile).close();
    return { databaseName: path.basename(this.dbFile) };
  }

  getDatabaseVersion() {
    return this.engine.version();
  }

  getDatabaseDescription() {
    throw new UserError("getDatabaseDescription is not supported by the wasm schema engine shim.");
  }

  debugPanic() {
    this.engine.debugPanic();
  }

  async dispatch(method, params) {
    if (!this.engine) await this.init();
    const own = Shim.OWN.has(method) ? this[method] : undefined;
    if (own) return own.call(this, params);
    if (Shim.PASSTHROUGH.has(method)) return this.engine[method](params);
    throw Object.assign(new Error(`Method not found: ${method}`), { rpcCode: -32601 });
  }

  // ---- transport ----

  start() {
    this.nextId = 1_000_000;
    this.pending = new Map();
    let queue = Promise.resolve();
    const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    rl.on("line", (line) => {
      if (!line.trim()) return;
      let msg;
      try {
        msg = JSON.parse(line);
      } catch {
        return this.send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      }
      if (msg.method === undefined) {
        // A reply to one of our own requests (print).
        const p = this.pending.get(msg.id);
        if (p) {
          this.pending.delete(msg.id);
          p();
        }
        return;
      }
      queue = queue.then(() => this.handle(msg));
    });
    const shutdown = () => {
      // The CLI ends stdin and then kills us straight away: finish the request
      // in flight (at most a few seconds) and close the SQLite connections so
      // no lock or journal is left behind.
      const grace = new Promise((resolve) => setTimeout(resolve, 5000).unref());
      Promise.race([queue, grace]).finally(() => {
        this.close();
        process.exit(0);
      });
    };
    rl.on("close", shutdown);
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
  }

  close() {
    for (const holder of this.mainConnections) {
      try {
        holder.raw.client.close();
      } catch {}
      holder.raw = undefined;
    }
    this.mainConnections.clear();
  }

  send(obj) {
    process.stdout.write(JSON.stringify(obj) + "\n");
  }

  print(content) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });
  }

  async handle(msg) {
    const { id, method } = msg;
    try {
      const result = await this.dispatch(method, msg.params ?? {});
      if (id !== undefined) this.send({ jsonrpc: "2.0", id, result: result ?? null });
    } catch (e) {
      if (id === undefined) return;
      if (e?.rpcCode) return this.send({ jsonrpc: "2.0", id, error: { code: e.rpcCode, message: e.message } });
      const panic = e instanceof WebAssembly.RuntimeError || /panicked at/.test(String(e?.message));
      const message = cleanMessage(e);
      const code = errorCode(e);
      logLine("ERROR", message, code ? { error_code: code } : {});
      this.send({
        jsonrpc: "2.0",
        id,
        error: {
          code: 4466,
          message: "An error happened. Check the data field for details.",
          data: { is_panic: panic, message, meta: e?.meta ?? null, error_code: code ?? null },
        },
      });
    }
  }
}

Shim.OWN = new Set([
  "devDiagnostic",
  "markMigrationApplied",
  "evaluateDataLoss",
  "createMigration",
  "diagnoseMigrationHistory",
  "diff",
  "reset",
  "dbExecute",
  "createDatabase",
  "getDatabaseVersion",
  "getDatabaseDescription",
  "debugPanic",
]);
Shim.PASSTHROUGH = new Set(["applyMigrations", "markMigrationRolledBack", "schemaPush", "introspect", "introspectSql", "ensureConnectionValidity"]);

/** A migration script that failed: the wasm engine reports the bare driver error plus a span trace. */
function failedMigration(e) {
  const text = String(e?.message ?? e);
  if (e?.code || !/apply_migration::apply_script/.test(text)) return undefined;
  return /migration_name="([^"]+)"/.exec(text)?.[1];
}

function errorCode(e) {
  return e?.code ?? (failedMigration(e) ? "P3018" : undefined);
}

/** Drops the wasm span trace ("   0: sql_schema_connector::...") from engine error messages. */
function cleanMessage(e) {
  const text = String(e?.message ?? e);
  const lines = text.split("\n");
  const cut = lines.findIndex((l) => /^\s+\d+: [\w:]+/.test(l));
  const message = (cut >= 0 ? lines.slice(0, cut) : lines).join("\n").trimEnd();
  const name = failedMigration(e);
  if (!name) return message;
  // Same wording as the native engine's P3018.
  return (
    "A migration failed to apply. New migrations cannot be applied before the error is recovered from. " +
    "Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n" +
    `Migration name: ${name}\n\nDatabase error:\n${message}`
  );
}

// ------------------------------------------------------- library use --

/**
 * The same list of migrations the Prisma CLI sends to the engine: every
 * sub-directory of `dir` with its migration.sql, sorted by name.
 */
export function readMigrationsList(dir, shadowDbInitScript = "") {
  const baseDir = path.resolve(dir);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const lockfile = { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null };
  let entries = [];
  try {
    entries = fs.readdirSync(baseDir, { withFileTypes: true }).filter((e) => e.isDirectory());
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
  }
  const migrationDirectories = entries
    .map((e) => {
      let content;
      try {
        content = { tag: "ok", value: fs.readFileSync(path.join(baseDir, e.name, "migration.sql"), "utf8") };
      } catch (err) {
        content = { tag: "error", value: err.message };
      }
      return { path: e.name, migrationFile: { path: "migration.sql", content } };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile, shadowDbInitScript, migrationDirectories };
}

/**
 * In-process engine for scripts (no CLI, no child process):
 *   const engine = await openSchemaEngine({ url: "file:/abs/db.sqlite" });
 *   await engine.call("applyMigrations", { migrationsList, filters });
 *   engine.close();
 * Errors are thrown with `.code` (Prisma error code, e.g. P3009) when known.
 */
export async function openSchemaEngine({ url, shadowDatabaseUrl, datamodels = [] }) {
  const shim = new Shim({ datasource: { url, shadowDatabaseUrl }, datamodels });
  shim.print = async (content) => {
    process.stdout.write(content + "\n");
  };
  await shim.init();
  return {
    call: async (method, params) => {
      try {
        return await shim.dispatch(method, params);
      } catch (e) {
        throw Object.assign(new Error(cleanMessage(e)), { code: errorCode(e) });
      }
    },
    close: () => shim.close(),
  };
}

// ------------------------------------------------------------------ main --

function isMain() {
  try {
    return !!process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${engineHash()}\n`);
    process.exit(0);
  } else if (args.help) {
    process.stdout.write("Prisma schema engine shim (wasm + better-sqlite3). See the header of this file.\n");
    process.exit(0);
  } else if (args.cli) {
    process.exit(runCliCommand(args));
  } else {
    new Shim(args).start();
  }
}
