/**
 * Where data lives when DATABASE_URL and DATA_DIR are unset (relative to the repo root, the
 * working directory of every entry point). No side effects, so prisma.config.ts can read it;
 * scripts/migrate.mjs repeats DEFAULT_DATABASE_URL because plain Node scripts cannot import TypeScript.
 */
export const DEFAULT_DATABASE_URL = "file:./data/vajra.db";
export const DEFAULT_DATA_DIR = "./data";
