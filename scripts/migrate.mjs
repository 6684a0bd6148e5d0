#!/usr/bin/env node
// Applies pending Prisma migrations (prisma/migrations) to the SQLite database
// at DATABASE_URL (default file:./data/vajra.db, relative to the repo root).
// Runs before `npm run dev` / `npm start` and as `npm run db:migrate`.
//
// Same semantics as `prisma migrate deploy` (it drives the same schema engine,
// @prisma/schema-engine-wasm, through scripts/prisma-schema-engine.mjs, and
// records migrations in `_prisma_migrations`), without the CLI's start-up cost.
// Idempotent: a second run applies nothing. When `_prisma_migrations` already
// records every migration as applied with the same checksum, the engine is
// not even loaded (a few ms instead of a few hundred).
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openSchemaEngine, readMigrationsList } from "./prisma-schema-engine.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The same default as DEFAULT_DATABASE_URL in server/envDefaults.ts (a .mjs script cannot import TypeScript).
const DEFAULT_URL = "file:./data/vajra.db";

/** Absolute path of the SQLite file named by a `file:` URL (relative paths: from the repo root). */
export function databaseFile(url = process.env.DATABASE_URL || DEFAULT_URL) {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL for scripts/migrate.mjs (got "${url.split(":")[0]}:")`);
  }
  let p = url.slice("file:".length).split("?")[0];
  if (p.startsWith("//")) p = p.slice(2);
  return path.resolve(root, decodeURIComponent(p));
}

/** True when the database already records every migration as applied, unchanged and not failed. */
function upToDate(file, migrationsList) {
  if (!fs.existsSync(file)) return false;
  const Database = createRequire(import.meta.url)("better-sqlite3");
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations").all();
    if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return false; // failed migration
    const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    return migrationsList.migrationDirectories.every((d) => {
      const sql = d.migrationFile.content;
      return sql.tag === "ok" && applied.get(d.path) === createHash("sha256").update(sql.value).digest("hex");
    });
  } catch {
    return false; // no table yet, locked, ...: let the engine decide
  } finally {
    db?.close();
  }
}

export async function migrate({ url = process.env.DATABASE_URL || DEFAULT_URL, migrationsDir = path.join(root, "prisma", "migrations") } = {}) {
  const file = databaseFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const migrationsList = readMigrationsList(migrationsDir);
  const total = migrationsList.migrationDirectories.length;
  if (upToDate(file, migrationsList)) return { file, total, applied: [] };
  const engine = await openSchemaEngine({ url: pathToFileURL(file).href.replace(/^file:\/\//, "file:") });
  try {
    const { appliedMigrationNames } = await engine.call("applyMigrations", {
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return { file, total, applied: appliedMigrationNames };
  } finally {
    engine.close();
  }
}

const isMain = process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const t0 = performance.now();
  try {
    const { file, total, applied } = await migrate();
    const ms = Math.round(performance.now() - t0);
    const rel = path.relative(process.cwd(), file);
    const where = rel && !rel.startsWith("..") ? rel : file;
    console.log(
      applied.length
        ? `db: applied ${applied.length} migration(s) to ${where} (${applied.join(", ")}) in ${ms} ms`
        : `db: ${where} is up to date (${total} migration(s)) in ${ms} ms`,
    );
  } catch (e) {
    console.error(`db: migration failed${e.code ? ` (${e.code})` : ""}: ${e.message}`);
    console.error("    Inspect with: node scripts/prisma.mjs migrate status");
    process.exit(1);
  }
}
