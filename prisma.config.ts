// Prisma 7 CLI configuration (generate, migrate, db push).
// Use `node scripts/prisma.mjs <command>`: it runs the installed CLI offline.
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "./server/envDefaults";

// The Rust schema engine cannot be downloaded here; the CLI talks to
// scripts/prisma-schema-engine.mjs instead (@prisma/schema-engine-wasm +
// better-sqlite3). Set here too so a bare `npx prisma ...` also works offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL("./scripts/prisma-schema-engine.mjs", import.meta.url));

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Relative file: URLs resolve against the repo root (the CLI's working directory).
    url: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  },
});
