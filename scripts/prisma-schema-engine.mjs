#!/usr/bin/env node
// Offline stand-in for Prisma's Rust `schema-engine` binary.
//
// The Prisma 7 CLI (generate, migrate *, db push/pull/execute) spawns the
// binary named by PRISMA_SCHEMA_ENGINE_BINARY in one of three ways:
//
//   schema-engine --version                                  -> print version
//   schema-engine --datasource '{"url":..}' cli <command>    -> one-shot command
//       (can-connect-to-database, create-database, drop-database; errors are
//        JSON log lines on stderr, exit code 1)
//   schema-engine [--datamodels <file>]... [--datasource '{..}']
//       -> JSON-RPC 2.0 over stdio, one JSON object per line; the engine may
//          send `print` requests back to the CLI (used for `migrate diff`).
//
// This script implements that contract on top of @prisma/schema-engine-wasm
// (pinned to the engine hash prisma 7.10.0 expects) and the node-postgres
// driver adapter (@prisma/adapter-pg). Only PostgreSQL (`postgres://` URLs).
//
// Gaps in the wasm engine and the adapter that are patched here:
//  - multi-statement SQL (a migration script) sent through executeRaw/queryRaw
//    fails in the extended protocol ("cannot insert multiple commands into a
//    prepared statement"), so it is re-sent as one simple-protocol query; the
//    adapter's own executeScript splits on every `;`, which breaks on a `;`
//    inside a string or comment, so executeScript is a simple query too;
//  - the engine's introspection reads `char` columns (OID 18: pg_class.relkind,
//    pg_constraint.contype, ...) which the adapter cannot map to a column type,
//    so they pass through it as `text` and are then marked as Character;
//  - the adapter's shadow database is dropped while its own pool still holds a
//    connection to it ("being accessed by other users"), so the shim creates and
//    drops shadow databases itself: pool closed first, then DROP ... WITH (FORCE);
//  - devDiagnostic and markMigrationApplied expect `_prisma_migrations`, so the
//    table is created first (as the native engine does); diagnoseMigrationHistory
//    reports it as absent when it is;
//  - evaluateDataLoss/createMigration need devDiagnostic to have run for the
//    same migration list (it fills the shadow-schema cache), so it is run
//    first each time;
//  - reset drops and recreates the `public` schema (the wasm engine cannot reset);
//  - createDatabase / getDatabaseVersion / dbExecute are handled here.
//
// Set PRISMA_SHIM_DEBUG=/some/file.log to log engine messages and every SQL
// statement there (the CLI swallows the engine's stderr unless DEBUG is set).

import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { withDatabase } from "./postgresUrl.mjs";

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

// -------------------------------------------------------------- PostgreSQL --

class UserError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

/** Checks a datasource URL is PostgreSQL's and returns it parsed. */
function pgUrl(url) {
  if (typeof url !== "string" || url === "") {
    throw new UserError("The datasource URL is empty. Set DATABASE_URL (see prisma.config.ts).", "P1012");
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new UserError(
      `This offline schema engine (scripts/prisma-schema-engine.mjs) supports only PostgreSQL \`postgres://\` URLs, got \`${url.split(":")[0]}:\`.`,
      "P1013",
    );
  }
  return new URL(url);
}

/** The database a URL names (`postgres` when it names none). */
function databaseName(url) {
  return decodeURIComponent(pgUrl(url).pathname.replace(/^\//, "")) || "postgres";
}

/** The same server, another database. */
function onDatabase(url, database) {
  return withDatabase(pgUrl(url).toString(), database);
}

const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

/**
 * `char` (OID 18) columns: the adapter has no column type for them and throws. The pool reports
 * them as `text` to the adapter and remembers which they were (keyed by the rows array, which the
 * adapter passes through), and queryRaw marks them as the engine's Character type.
 */
const PG_CHAR = 18;
const PG_TEXT = 25;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const charColumns = new WeakMap();
function charAsText(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    const indices = [];
    (r?.fields ?? []).forEach((f, i) => {
      if (f.dataTypeID !== PG_CHAR) return;
      f.dataTypeID = PG_TEXT;
      indices.push(i);
    });
    if (indices.length && Array.isArray(r.rows)) charColumns.set(r.rows, indices);
  }
  return result;
}
function markCharColumns(resultSet) {
  for (const i of charColumns.get(resultSet?.rows) ?? []) resultSet.columnTypes[i] = CHARACTER_COLUMN;
  return resultSet;
}

/** A pool whose connections report `char` columns as text. */
function createPool(url) {
  // allowExitOnIdle: an idle connection the engine never disposed must not keep a script alive.
  const pool = new pg.Pool({ connectionString: url, max: 4, allowExitOnIdle: true });
  pool.on("error", (e) => debug(`[shim] idle connection error: ${e.message}`));
  pool.on("connect", (client) => {
    const query = client.query.bind(client);
    client.query = (config, values, callback) => {
      if (typeof values === "function") {
        callback = values;
        values = undefined;
      }
      if (typeof config?.submit === "function") return query(config, values, callback);
      if (typeof callback === "function") return query(config, values, (e, r) => callback(e, e ? r : charAsText(r)));
      return query(config, values).then(charAsText);
    };
  });
  return pool;
}

/** Runs `fn` with a one-off client on another database of the same server (`postgres` by default). */
async function withClient(url, fn, database = "postgres") {
  const client = new pg.Client({ connectionString: onDatabase(url, database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Maps connection failures to the Prisma codes the CLI understands. */
function connectionError(e, url) {
  const db = databaseName(url);
  if (e?.code === "3D000") return new UserError(`Database \`${db}\` does not exist on the database server at \`${pgUrl(url).host}\``, "P1003");
  if (e?.code === "28P01" || e?.code === "28000") return new UserError(`Authentication failed against the database server at \`${pgUrl(url).host}\``, "P1000");
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND") return new UserError(`Can't reach database server at \`${pgUrl(url).host}\``, "P1001");
  return e;
}

// ---------------------------------------------------------- one-shot mode --

async function runCliCommand(args) {
  try {
    const url = args.datasource?.url;
    const name = databaseName(url);
    switch (args.cli) {
      case "can-connect-to-database": {
        await withClient(url, () => undefined, name).catch((e) => {
          throw connectionError(e, url);
        });
        return 0;
      }
      case "create-database": {
        await withClient(url, async (c) => {
          const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
          if (!rowCount) await c.query(`CREATE DATABASE ${quoteIdent(name)}`);
        }).catch((e) => {
          throw connectionError(e, url);
        });
        process.stdout.write(JSON.stringify({ databaseName: name }) + "\n");
        return 0;
      }
      case "drop-database": {
        await withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
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

const MULTIPLE_COMMANDS = /cannot insert multiple commands into a prepared statement/i;

function toDriverError(e) {
  if (e && e.name === "DriverAdapterError" && typeof e.cause === "object") return e.cause;
  return {
    kind: "postgres",
    code: String(e?.code ?? "XX000"),
    severity: "ERROR",
    message: String(e?.message ?? e),
    detail: e?.detail,
    column: undefined,
    hint: e?.hint,
  };
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

/** Runs a query; a script of several statements (no parameters) goes through the simple protocol. */
async function runRaw(target, method, q) {
  debugSql(method, q);
  try {
    return await target[method](q);
  } catch (e) {
    const text = `${e?.message ?? ""} ${e?.cause?.message ?? ""}`;
    if (q.args.length === 0 && MULTIPLE_COMMANDS.test(text)) {
      await target.underlyingDriver().query(q.sql);
      return method === "executeRaw" ? 0 : { columnNames: [], columnTypes: [], rows: [] };
    }
    throw e;
  }
}

function bindQueryable(get, info) {
  return {
    provider: info.provider,
    adapterName: info.adapterName,
    queryRaw: wrap(async (q) => markCharColumns(await runRaw(await get(), "queryRaw", q))),
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

/** Binds a connection for the engine; `get()` resolves the driver adapter, opened lazily. */
function bindAdapter(get, info, onDispose) {
  const b = bindQueryable(get, info);
  b.executeScript = wrap(async (s) => {
    debugSql("executeScript", s);
    await (await get()).underlyingDriver().query(s);
  });
  b.startTransaction = wrap(async (level) => bindTransaction(await (await get()).startTransaction(level)));
  b.getConnectionInfo = () => ok({ schemaName: undefined, supportsRelationJoins: true });
  b.dispose = wrap(async () => onDispose());
  return b;
}

// ---------------------------------------------------------------- engine --

async function loadWasm() {
  // The engine reports a Rust panic's message here before it throws.
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => {
      lastPanic = message;
      debug(`[shim] engine panic: ${message}`);
    },
  };
  const bg = await import(pathToFileURL(WASM_JS).href);
  const bytes = fs.readFileSync(path.join(WASM_DIR, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

let lastPanic;

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

class Shim {
  constructor(args) {
    this.args = args;
    this.pools = new Set();
  }

  async init() {
    const { datasource, datamodels } = this.args;
    this.url = datasource?.url;
    pgUrl(this.url);
    const shadowUrl = datasource?.shadowDatabaseUrl;
    if (shadowUrl) pgUrl(shadowUrl);
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const info = { provider: "postgres", adapterName: "@prisma/adapter-pg" };
    // Pools open their first connection on the first query, so `migrate diff --from-migrations`
    // never connects to the main database.
    const open = (url, onDispose) => {
      const pool = createPool(url);
      this.pools.add(pool);
      let adapter;
      const get = async () => (adapter ??= await new PrismaPg(pool).connect());
      return bindAdapter(get, info, async () => {
        this.pools.delete(pool);
        await pool.end().catch(() => undefined);
        await onDispose?.();
      });
    };
    this.mainPool = () => [...this.pools][0];
    const bound = {
      provider: info.provider,
      adapterName: info.adapterName,
      errorRegistry: { consumeError: () => undefined },
      connect: wrap(async () => open(this.url)),
      connectToShadowDb: wrap(async () => {
        if (shadowUrl) return open(shadowUrl);
        const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
        await withClient(this.url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
        // Its pool is closed first (open's dispose), so nothing holds the database when it is dropped.
        return open(onDatabase(this.url, name), () => withClient(this.url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)));
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

  /** Runs `fn` with a client on the main database. */
  withMainDb(fn) {
    return withClient(this.url, fn, databaseName(this.url));
  }

  ensureMigrationsTable() {
    return this.withMainDb((c) => c.query(MIGRATIONS_TABLE));
  }

  async hasMigrationsTable() {
    const { rows } = await this.withMainDb((c) => c.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`));
    return rows[0].present;
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
    await this.ensureMigrationsTable();
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
    await this.ensureMigrationsTable();
    return this.engine.markMigrationApplied(input);
  }

  async diagnoseMigrationHistory(input) {
    if (!(await this.hasMigrationsTable())) {
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
    // Like the native engine: an empty `public` schema, tables the schema declares external kept.
    const keep = new Set(input?.filter?.externalTables ?? []);
    await this.withMainDb(async (c) => {
      if (keep.size === 0) {
        await c.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
        return;
      }
      const { rows } = await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      for (const { tablename } of rows.filter((r) => !keep.has(r.tablename))) await c.query(`DROP TABLE IF EXISTS ${quoteIdent(tablename)} CASCADE`);
    });
    return {};
  }

  async dbExecute(params) {
    const ds = params.datasourceType;
    const url = ds?.tag === "url" ? ds.url : this.url;
    await withClient(url, (c) => c.query(params.script), databaseName(url));
    return {};
  }

  async createDatabase() {
    const name = databaseName(this.url);
    await withClient(this.url, async (c) => {
      const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (!rowCount) await c.query(`CREATE DATABASE ${quoteIdent(name)}`);
    });
    return { databaseName: name };
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
      // in flight (at most a few seconds) and close the connections, so the
      // server sees clean disconnects.
      const grace = new Promise((resolve) => setTimeout(resolve, 5000).unref());
      Promise.race([queue, grace])
        .finally(() => this.close())
        .finally(() => process.exit(0));
    };
    rl.on("close", shutdown);
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
  }

  /** Ends every pool still open (the engine disposes its own on a clean exit). */
  async close() {
    const pools = [...this.pools];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
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
      // A Rust panic surfaces as "unreachable"; its real message went to the panic registry.
      const message = panic && lastPanic ? lastPanic : cleanMessage(e);
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
 *   const engine = await openSchemaEngine({ url: "postgres://user:pw@host:5432/db" });
 *   await engine.call("applyMigrations", { migrationsList, filters });
 *   await engine.close();
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
    process.stdout.write("Prisma schema engine shim (wasm + @prisma/adapter-pg). See the header of this file.\n");
    process.exit(0);
  } else if (args.cli) {
    process.exit(await runCliCommand(args));
  } else {
    new Shim(args).start();
  }
}
