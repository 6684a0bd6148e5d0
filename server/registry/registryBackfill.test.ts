// The model_registry migration turns every existing deployment into a registered model: served
// versions must survive the upgrade as registry versions, and endpoints keep serving what they did.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { onServer, withDatabase } from "@/server/testing/databaseTemplate";

const migrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const REGISTRY_MIGRATION = "20261203192701_model_registry";
const server = inject("testDatabaseServer");
const name = `${inject("testDatabasePrefix")}registry_backfill`;

afterAll(() => onServer(server, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));

function migrationSql(dir: string): string {
  return readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8");
}

describe("model_registry migration", () => {
  it("registers each existing deployment's versions under the deployment's name and links them", async () => {
    await onServer(server, (c) => c.query(`CREATE DATABASE "${name}"`));
    const client = new pg.Client({ connectionString: withDatabase(server, name) });
    await client.connect();
    try {
      const before = readdirSync(migrationsDir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name < REGISTRY_MIGRATION)
        .map((e) => e.name)
        .sort();
      for (const dir of before) await client.query(migrationSql(dir));
      await client.query(`
        INSERT INTO "Project" ("id", "name", "updatedAt") VALUES ('p1', 'Churn', now());
        INSERT INTO "Artifact" ("id", "projectId", "portType", "contentHash", "storageKey", "bytes", "nodeId", "port", "fingerprint")
          VALUES ('a1', 'p1', 'Model', 'h1', 'k1', 10, 'model-1', 'model', 'f1'), ('a2', 'p1', 'Model', 'h2', 'k2', 10, 'model-1', 'model', 'f2');
        INSERT INTO "Deployment" ("id", "projectId", "slug", "name", "updatedAt") VALUES ('d1', 'p1', 'churn-abc', 'churn', now()), ('d2', 'p1', 'churn-def', 'churn', now());
        INSERT INTO "ModelVersion" ("id", "deploymentId", "number", "artifactId", "metrics", "signature")
          VALUES ('v1', 'd1', 1, 'a1', '{"accuracy":0.9}', '{}'), ('v2', 'd1', 2, 'a2', '{}', '{}'), ('v3', 'd2', 1, 'a1', '{}', '{}');
        UPDATE "Deployment" SET "currentVersionId" = 'v2' WHERE "id" = 'd1';
      `);
      await client.query(migrationSql(REGISTRY_MIGRATION));

      const models = await client.query(`SELECT "id", "name" FROM "RegisteredModel" ORDER BY "name"`);
      expect(models.rows.map((r) => r.name)).toEqual(["churn (churn-abc)", "churn (churn-def)"]);
      const versions = await client.query(
        `SELECT "registeredModelId", "number", "artifactId", "metrics" FROM "RegisteredModelVersion" ORDER BY "registeredModelId", "number"`,
      );
      expect(versions.rows).toEqual([
        { registeredModelId: "rm_d1", number: 1, artifactId: "a1", metrics: '{"accuracy":0.9}' },
        { registeredModelId: "rm_d1", number: 2, artifactId: "a2", metrics: "{}" },
        { registeredModelId: "rm_d2", number: 1, artifactId: "a1", metrics: "{}" },
      ]);
      const served = await client.query(`SELECT "id", "registeredVersionId" FROM "ModelVersion" ORDER BY "id"`);
      expect(served.rows).toEqual([
        { id: "v1", registeredVersionId: "rmv_v1" },
        { id: "v2", registeredVersionId: "rmv_v2" },
        { id: "v3", registeredVersionId: "rmv_v3" },
      ]);
      const deployments = await client.query(`SELECT "id", "registeredModelId", "servedAlias", "currentVersionId" FROM "Deployment" ORDER BY "id"`);
      expect(deployments.rows).toEqual([
        { id: "d1", registeredModelId: "rm_d1", servedAlias: null, currentVersionId: "v2" },
        { id: "d2", registeredModelId: "rm_d2", servedAlias: null, currentVersionId: null },
      ]);
    } finally {
      await client.end();
    }
  });
});
