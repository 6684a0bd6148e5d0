// Prisma 7 CLI configuration (generate, migrate, db push).
// Use `node scripts/prisma.mjs <command>`: it runs the installed CLI offline, and for commands
// that use a database it sets DATABASE_URL (the embedded PostgreSQL, started if needed, when unset).
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// The Rust schema engine cannot be downloaded here; the CLI talks to
// scripts/prisma-schema-engine.mjs instead (@prisma/schema-engine-wasm +
// @prisma/adapter-pg). Set here too so a bare `npx prisma ...` also works offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL("./scripts/prisma-schema-engine.mjs", import.meta.url));

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Only `generate` and `validate` run without DATABASE_URL, and they never connect.
    url: process.env.DATABASE_URL || "postgres://127.0.0.1/unset-run-through-scripts-prisma-mjs",
  },
});
