#!/usr/bin/env node
// Runs the installed Prisma CLI fully offline:
//   node scripts/prisma.mjs generate
//   node scripts/prisma.mjs migrate dev --name <change>
//   node scripts/prisma.mjs migrate deploy | status | reset --force
//   node scripts/prisma.mjs migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --exit-code
// The Rust schema engine is replaced by scripts/prisma-schema-engine.mjs
// (@prisma/schema-engine-wasm + @prisma/adapter-pg); nothing is downloaded. With DATABASE_URL
// unset, commands that use a database run against the embedded PostgreSQL (scripts/postgres.mjs),
// started first if needed.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePostgres } from "./postgres.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function offlinePrismaEnv(env = process.env) {
  return {
    ...env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts", "prisma-schema-engine.mjs"),
    // No update checks, telemetry, or engine downloads.
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
    PRISMA_SKIP_POSTINSTALL_GENERATE: "1",
  };
}

/**
 * Commands that never open a database (`generate` runs at install time, before any server may
 * start). Every `migrate` command does, `diff` included: the engine connects as it starts.
 */
function needsDatabase([command]) {
  return !!command && !["generate", "format", "validate", "version", "--version", "-v", "--help", "-h", "init"].includes(command);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  if (needsDatabase(args)) await ensurePostgres({ log: console.log });
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: "inherit",
    env: offlinePrismaEnv(),
  });
  if (r.error) throw r.error;
  process.exit(r.status ?? (r.signal ? 1 : 0));
}
