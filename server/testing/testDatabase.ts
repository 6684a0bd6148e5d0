import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { withDatabase } from "@/scripts/postgresUrl.mjs";

/** The server, template and name prefix of test databases: the suite's global setup's, or (bench/ scripts) prepared here. */
async function testDatabaseServer(): Promise<{ server: string; template: string; prefix: string }> {
  if (process.env.VITEST) {
    const { inject } = await import("vitest");
    return { server: inject("testDatabaseServer"), template: inject("testDatabaseTemplate"), prefix: inject("testDatabasePrefix") };
  }
  const { prepareTestDatabases } = await import("./databaseTemplate");
  return prepareTestDatabases();
}

/**
 * Points this test file's process at a database of its own, copied from the migrated template
 * (server/testing/databaseTemplate.ts, the suite's global setup), and a fresh data directory.
 * Await it before importing anything from server/ (server/env reads DATABASE_URL when first imported).
 */
export async function useFreshDatabase(): Promise<{ databaseUrl: string; dataDir: string }> {
  const { server, template, prefix } = await testDatabaseServer();
  const name = `${prefix}${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: withDatabase(server, "postgres") });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  const databaseUrl = withDatabase(server, name);
  const dataDir = mkdtempSync(path.join(tmpdir(), "vajra-test-"));
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATA_DIR = dataDir;
  return { databaseUrl, dataDir };
}
