/**
 * Vitest global setup: one PostgreSQL for the whole run (DATABASE_URL's server, or the embedded
 * one of DATA_DIR, started or reused), and on it a template database migrated once per migration
 * history. Each test file then gets its own database copied from the template
 * (useFreshDatabase: CREATE DATABASE ... TEMPLATE), so files stay independent and run in parallel.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "@/scripts/migrate.mjs";
import { readMigrationsList } from "@/scripts/prisma-schema-engine.mjs";
import { ensurePostgres, stopEmbeddedPostgres } from "@/scripts/postgres.mjs";
import { withDatabase } from "@/scripts/postgresUrl.mjs";

export { withDatabase };

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

declare module "vitest" {
  export interface ProvidedContext {
    /** The server's URL (any database on it); test databases are made through it. */
    testDatabaseServer: string;
    /** The migrated template every test database is copied from. */
    testDatabaseTemplate: string;
    /** Prefix of this run's test databases, dropped at the end. */
    testDatabasePrefix: string;
  }
}

export async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * `vajra_template_<hash of prisma/migrations and the job queues' installer>`: a new migration, queue or
 * pg-boss version makes a new template; an unchanged one reuses it.
 */
function templateName(): string {
  const list = readMigrationsList(path.join(ROOT, "prisma", "migrations"));
  const hash = createHash("sha256");
  for (const d of list.migrationDirectories) hash.update(d.path).update("\0").update(d.migrationFile.content.value).update("\0");
  for (const file of ["scripts/jobQueues.mjs", "node_modules/pg-boss/package.json"]) hash.update(readFileSync(path.join(ROOT, file))).update("\0");
  return `vajra_template_${hash.digest("hex").slice(0, 12)}`;
}

async function ensureTemplate(server: string, name: string): Promise<void> {
  const exists = async () => (await onServer(server, (c) => c.query("SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate", [name]))).rowCount === 1;
  if (await exists()) return;
  // Built under a private name and renamed when complete, so a concurrent run never copies a half-migrated template.
  const building = `${name}_build_${randomBytes(4).toString("hex")}`;
  await onServer(server, (c) => c.query(`CREATE DATABASE "${building}"`));
  try {
    await migrate({ url: withDatabase(server, building) });
    await onServer(server, async (c) => {
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      await c.query(`ALTER DATABASE "${name}" IS_TEMPLATE true`);
    });
  } catch (error) {
    await onServer(server, (c) => c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`));
    if (!(await exists())) throw error; // else another run finished the same template first
  }
}

/** Test databases whose run is over (its process is gone): left by a run that was killed. */
async function dropAbandoned(server: string): Promise<void> {
  await onServer(server, async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'vajra\\_test\\_%'");
    for (const { datname } of rows) {
      const pid = Number(/^vajra_test_(\d+)_/.exec(datname)?.[1]);
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        // gone
      }
      if (!alive) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

/**
 * The server (started or reused), the migrated template and a name prefix for this process's test
 * databases. A database whose process is gone is dropped by the next call (a killed run leaves some).
 */
export async function prepareTestDatabases(): Promise<{ server: string; template: string; prefix: string; started: boolean; timings: string }> {
  const t0 = performance.now();
  const { url: server, started, embedded } = await ensurePostgres();
  const t1 = performance.now();
  const template = templateName();
  await ensureTemplate(server, template);
  await dropAbandoned(server);
  const prefix = `vajra_test_${process.pid}_${randomBytes(3).toString("hex")}_`;
  const how = embedded ? (started ? "started" : "reused") : "DATABASE_URL";
  return {
    server,
    template,
    prefix,
    started,
    timings: `server ${how} in ${Math.round(t1 - t0)} ms, template ready in ${Math.round(performance.now() - t1)} ms`,
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { server, template, prefix, started, timings } = await prepareTestDatabases();
  if (process.env.VAJRA_TEST_TIMINGS) console.log(`test databases: ${timings}`);
  project.provide("testDatabaseServer", server);
  project.provide("testDatabaseTemplate", template);
  project.provide("testDatabasePrefix", prefix);

  return async () => {
    await onServer(server, async (c) => {
      const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
      for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
    // Leave the machine as the run found it: an embedded server this run started stops with it.
    if (started) await stopEmbeddedPostgres();
  };
}
