#!/usr/bin/env node
// Serves the production build (as `npm start` does) on the given port against a brand-new database, for Playwright:
// a database of its own on the PostgreSQL server (DATABASE_URL's, or the embedded one, started
// or reused), migrated here and dropped when the server stops.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "./migrate.mjs";
import { ensurePostgres, stopEmbeddedPostgres } from "./postgres.mjs";
import { withDatabase } from "./postgresUrl.mjs";
import { WEB_PROCESS_ARGS } from "./webProcess.mjs";

const port = process.argv[2] ?? "3100";
const { url: server, started } = await ensurePostgres({ env: { ...process.env } });

// Named like the test databases, so a later test run drops it should this process be killed before it can.
const database = `vajra_test_${process.pid}_e2e`;
async function admin(sql) {
  const client = new pg.Client({ connectionString: withDatabase(server, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
await admin(`CREATE DATABASE "${database}"`);
const databaseUrl = withDatabase(server, database);
await migrate({ url: databaseUrl });

// playwright.config.ts chooses it, so specs can place files the server reads (SQLite connections).
const dataDir = process.env.E2E_DATA_DIR || mkdtempSync(path.join(tmpdir(), "vajra-e2e-"));
const env = {
  ...process.env,
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  // Every spec signs people up from this one machine's address; the sign-up throttle (10 an hour
  // per address) is exercised by the server suite, and the sign-in throttle keeps its defaults.
  AUTH_SIGNUPS_PER_ADDRESS: "1000",
  // Schedules and dataset triggers fire within a second, so a spec sees a triggered run without waiting 30 s.
  VAJRA_SCHEDULER_INTERVAL_MS: "1000",
};

const app = spawn(process.execPath, [...WEB_PROCESS_ARGS, "--port", port], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => app.kill(signal));
app.on("exit", async (code) => {
  // Playwright stops us when the specs are done: the database goes, and an embedded server we started stops.
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
  if (started) await stopEmbeddedPostgres().catch(() => undefined);
  process.exit(code ?? 0);
});
