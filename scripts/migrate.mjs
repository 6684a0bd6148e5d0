#!/usr/bin/env node
// Applies pending Prisma migrations (prisma/migrations), then pg-boss's schema and Vajra's job queues
// (scripts/jobQueues.mjs), to the PostgreSQL database at
// DATABASE_URL, or, when it is unset, to the embedded PostgreSQL in DATA_DIR/postgres, which it
// starts first if it is not running (scripts/postgres.mjs). Runs before `npm run dev` /
// `npm start` and as `npm run db:migrate`.
//
// Same semantics as `prisma migrate deploy` (it drives the same schema engine,
// @prisma/schema-engine-wasm, through scripts/prisma-schema-engine.mjs, and
// records migrations in `_prisma_migrations`), without the CLI's start-up cost.
// Idempotent: a second run applies nothing. When `_prisma_migrations` already
// records every migration as applied with the same checksum, the engine is
// not even loaded (a few ms instead of a few hundred).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { installJobQueues } from "./jobQueues.mjs";
import { openSchemaEngine, readMigrationsList } from "./prisma-schema-engine.mjs";
import { ensurePostgres } from "./postgres.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** True when the database already records every migration as applied, unchanged and not failed. */
async function upToDate(url, migrationsList) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations");
    if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return false; // failed migration
    const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    return migrationsList.migrationDirectories.every((d) => {
      const sql = d.migrationFile.content;
      return sql.tag === "ok" && applied.get(d.path) === createHash("sha256").update(sql.value).digest("hex");
    });
  } catch {
    return false; // no table yet, no database yet, ...: let the engine decide
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The database a URL names, without its password, for messages. */
export function describeDatabase(url) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export async function migrate({ url, migrationsDir = path.join(root, "prisma", "migrations"), log = () => {} } = {}) {
  url ??= (await ensurePostgres({ log })).url;
  const migrationsList = readMigrationsList(migrationsDir);
  const total = migrationsList.migrationDirectories.length;
  const applied = (await upToDate(url, migrationsList)) ? [] : await applyMigrations(url, migrationsList);
  await installJobQueues(url);
  return { url, total, applied };
}

async function applyMigrations(url, migrationsList) {
  const engine = await openSchemaEngine({ url });
  try {
    const { appliedMigrationNames } = await engine.call("applyMigrations", {
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return appliedMigrationNames;
  } finally {
    await engine.close();
  }
}

const isMain = process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const t0 = performance.now();
  try {
    const { url, total, applied } = await migrate({ log: console.log });
    const ms = Math.round(performance.now() - t0);
    const where = describeDatabase(url);
    console.log(
      applied.length
        ? `db: applied ${applied.length} migration(s) to ${where} (${applied.join(", ")}) in ${ms} ms`
        : `db: ${where} is up to date (${total} migration(s)) in ${ms} ms`,
    );
    // The wasm engine leaves a 10 s timer behind; nothing else is pending.
    process.exit(0);
  } catch (e) {
    console.error(`db: migration failed${e.code ? ` (${e.code})` : ""}: ${e.message}`);
    console.error("    Inspect with: node scripts/prisma.mjs migrate status");
    process.exit(1);
  }
}
