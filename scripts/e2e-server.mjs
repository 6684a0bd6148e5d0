#!/usr/bin/env node
// Serves the production build on the given port against a brand-new database, for Playwright.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const port = process.argv[2] ?? "3100";
const dataDir = mkdtempSync(path.join(tmpdir(), "vajra-e2e-"));
const env = {
  ...process.env,
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  // Every spec signs people up from this one machine's address; the sign-up throttle (10 an hour
  // per address) is exercised by the server suite, and the sign-in throttle keeps its defaults.
  AUTH_SIGNUPS_PER_ADDRESS: "1000",
};

execFileSync(process.execPath, ["scripts/migrate.mjs"], { env, stdio: "inherit" });
const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", port], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
