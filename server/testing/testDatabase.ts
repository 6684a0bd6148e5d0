import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Points this test file's process at a fresh, migrated SQLite file. Call before
 * importing anything from server/ (server/db reads DATABASE_URL when first imported).
 */
export function useFreshDatabase(): { databaseUrl: string; dataDir: string } {
  const dataDir = mkdtempSync(path.join(tmpdir(), "vajra-test-"));
  const databaseUrl = `file:${path.join(dataDir, "test.db")}`;
  execFileSync(process.execPath, ["scripts/migrate.mjs"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATA_DIR = dataDir;
  return { databaseUrl, dataDir };
}
