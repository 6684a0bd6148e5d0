#!/usr/bin/env node
// Runs the installed Prisma CLI fully offline:
//   node scripts/prisma.mjs generate
//   node scripts/prisma.mjs migrate dev --name <change>
//   node scripts/prisma.mjs migrate deploy | status | reset --force
//   node scripts/prisma.mjs migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --exit-code
// The Rust schema engine is replaced by scripts/prisma-schema-engine.mjs
// (@prisma/schema-engine-wasm + better-sqlite3); nothing is downloaded.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  const r = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: offlinePrismaEnv(),
  });
  if (r.error) throw r.error;
  process.exit(r.status ?? (r.signal ? 1 : 0));
}
