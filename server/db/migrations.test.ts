// Migrations are the only way the database schema changes, so:
//  1. prisma/migrations must produce exactly prisma/schema.prisma (a schema
//     edit without `node scripts/prisma.mjs migrate dev --name <change>` fails here);
//  2. scripts/migrate.mjs (run before dev/start) migrates an empty PostgreSQL database
//     and is a no-op the second time, in a way the Prisma CLI agrees with;
//  3. the generated client works on the migrated database.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { onServer, withDatabase } from "@/server/testing/databaseTemplate";
import { useFreshDatabase } from "@/server/testing/testDatabase";

const root = fileURLToPath(new URL("../..", import.meta.url));
const migrationsDir = path.join(root, "prisma", "migrations");
const schemaPath = path.join(root, "prisma", "schema.prisma");

// This file's own (migrated) database: the CLI's drift check connects to it and works in a shadow database.
const { databaseUrl } = await useFreshDatabase();
const server = inject("testDatabaseServer");

let tmp: string;
const emptyDatabases: string[] = [];
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "vajra-migrations-"));
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await onServer(server, async (c) => {
    for (const name of emptyDatabases) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

/** An empty database (no tables) on the test server, dropped after the file. */
async function emptyDatabase(label: string): Promise<string> {
  const name = `${inject("testDatabasePrefix")}${label}`;
  await onServer(server, (c) => c.query(`CREATE DATABASE "${name}"`));
  emptyDatabases.push(name);
  return withDatabase(server, name);
}

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

// The CLI always gets an explicit DATABASE_URL, so no test touches the embedded server's own database.
const prisma = (args: string[], env: Record<string, string> = {}) => run("scripts/prisma.mjs", args, { DATABASE_URL: databaseUrl, ...env });
const migrate = (url: string) => run("scripts/migrate.mjs", [], { DATABASE_URL: url });

function migrationNames(): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

describe("prisma migrations", () => {
  it("prisma/migrations produce exactly prisma/schema.prisma", () => {
    const names = migrationNames();
    expect(names.length).toBeGreaterThan(0);

    const r = prisma(["migrate", "diff", "--from-migrations", migrationsDir, "--to-schema", schemaPath, "--exit-code"]);
    expect(
      r.status,
      `schema.prisma and prisma/migrations differ; create a migration with\n` + `  node scripts/prisma.mjs migrate dev --name <change>\n${r.out}`,
    ).toBe(0);
  });

  it("the drift check notices a model with no migration, and leaves no shadow database behind", async () => {
    const drifted = path.join(tmp, "drifted.prisma");
    writeFileSync(drifted, `${readFileSync(schemaPath, "utf8")}\nmodel MigrationDriftProbe {\n  id Int @id\n}\n`);
    const r = prisma(["migrate", "diff", "--from-migrations", migrationsDir, "--to-schema", drifted, "--exit-code"]);
    expect(r.status, r.out).toBe(2);
    expect(r.out).toContain("MigrationDriftProbe");
    const shadows = await onServer(server, (c) => c.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'"));
    expect(shadows.rows).toEqual([]);
  });

  it("migrates an empty database, then applies nothing on the second run", async () => {
    const url = await emptyDatabase("fresh");
    const names = migrationNames();

    const first = migrate(url);
    expect(first.status, first.out).toBe(0);
    expect(first.out).toContain(`applied ${names.length} migration(s)`);
    expect(first.out).not.toContain(new URL(url).password);

    const second = migrate(url);
    expect(second.status, second.out).toBe(0);
    expect(second.out).toContain("up to date");

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    } finally {
      await client.end();
    }

    // The Prisma CLI reads the same history and agrees nothing is pending.
    const status = prisma(["migrate", "status"], { DATABASE_URL: url });
    expect(status.status, status.out).toBe(0);
    expect(status.out).toContain("Database schema is up to date!");
  });

  it("the generated client writes and reads a row on the migrated database", async () => {
    const url = await emptyDatabase("client");
    const r = migrate(url);
    expect(r.status, r.out).toBe(0);

    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const email = `migrations-test-${Date.now()}@example.com`;
      const created = await client.user.create({ data: { email, name: "Migration Test" } });
      const found = await client.user.findUnique({ where: { email } });
      expect(found?.id).toBe(created.id);
      expect(found?.name).toBe("Migration Test");
      expect(await client.user.count()).toBe(1);
    } finally {
      await client.$disconnect();
    }
  });

  it("a migration that fails is reported with its name and the database's error", async () => {
    const url = await emptyDatabase("broken");
    const dir = path.join(tmp, "broken-migrations");
    const lock = readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8");
    writeFileSync(path.join(tmp, "lock"), lock);
    for (const [name, sql] of [
      ["20200101000000_ok", 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY);\nINSERT INTO "A" VALUES (\'semi;colon\');'],
      ["20200102000000_broken", 'ALTER TABLE "Missing" ADD COLUMN "x" INTEGER;'],
    ]) {
      const sub = path.join(dir, name!);
      spawnSync("mkdir", ["-p", sub]);
      writeFileSync(path.join(sub, "migration.sql"), sql!);
    }
    writeFileSync(path.join(dir, "migration_lock.toml"), lock);
    const { migrate: migrateIn } = await import("@/scripts/migrate.mjs");
    const failure = await migrateIn({ url, migrationsDir: dir }).then(
      () => null,
      (e: unknown) => e as { code?: string; message: string },
    );
    expect(failure?.code).toBe("P3018");
    expect(failure?.message).toContain("20200102000000_broken");
    expect(failure?.message).toContain("Missing");
  });
});
