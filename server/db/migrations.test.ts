// Migrations are the only way the database schema changes, so:
//  1. prisma/migrations must produce exactly prisma/schema.prisma (a schema
//     edit without `node scripts/prisma.mjs migrate dev --name <change>` fails here);
//  2. scripts/migrate.mjs (run before dev/start) migrates a fresh SQLite file
//     and is a no-op the second time, in a way the Prisma CLI agrees with;
//  3. the generated client works on the migrated database.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";

const root = fileURLToPath(new URL("../..", import.meta.url));
const migrationsDir = path.join(root, "prisma", "migrations");
const schemaPath = path.join(root, "prisma", "schema.prisma");

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "vajra-migrations-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

// The CLI always gets a temp DATABASE_URL, so no test can touch ./data.
const prisma = (args: string[], env: Record<string, string> = {}) =>
  run("scripts/prisma.mjs", args, { DATABASE_URL: `file:${path.join(tmp, "cli.db")}`, ...env });
const migrate = (databaseUrl: string) => run("scripts/migrate.mjs", [], { DATABASE_URL: databaseUrl });

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

  it("the drift check notices a model with no migration", () => {
    const drifted = path.join(tmp, "drifted.prisma");
    writeFileSync(drifted, `${readFileSync(schemaPath, "utf8")}\nmodel MigrationDriftProbe {\n  id Int @id\n}\n`);
    const r = prisma(["migrate", "diff", "--from-migrations", migrationsDir, "--to-schema", drifted, "--exit-code"]);
    expect(r.status, r.out).toBe(2);
    expect(r.out).toContain("MigrationDriftProbe");
  });

  it("migrates a fresh SQLite file, then applies nothing on the second run", () => {
    const file = path.join(tmp, "nested", "dir", "fresh.db");
    const url = `file:${file}`;
    const names = migrationNames();

    const first = migrate(url);
    expect(first.status, first.out).toBe(0);
    expect(first.out).toContain(`applied ${names.length} migration(s)`);

    const second = migrate(url);
    expect(second.status, second.out).toBe(0);
    expect(second.out).toContain("up to date");

    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name").all() as {
        migration_name: string;
        finished_at: string | null;
        rolled_back_at: string | null;
      }[];
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    } finally {
      db.close();
    }

    // The Prisma CLI reads the same history and agrees nothing is pending.
    const status = prisma(["migrate", "status"], { DATABASE_URL: url });
    expect(status.status, status.out).toBe(0);
    expect(status.out).toContain("Database schema is up to date!");
  });

  it("the generated client writes and reads a row on the migrated database", async () => {
    const url = `file:${path.join(tmp, "client.db")}`;
    const r = migrate(url);
    expect(r.status, r.out).toBe(0);

    const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
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
});
