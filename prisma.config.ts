// Prisma 7 CLI configuration (generate, migrate, db push).
// The CLI runs offline through scripts/prisma.mjs, which points
// PRISMA_SCHEMA_ENGINE_BINARY at scripts/prisma-schema-engine.mjs
// (a JSON-RPC shim over @prisma/schema-engine-wasm + better-sqlite3).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Relative file: URLs resolve against the repo root (the CLI's working directory).
    url: process.env.DATABASE_URL || "file:./data/vajra.db",
  },
});
