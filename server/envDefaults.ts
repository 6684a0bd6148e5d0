/**
 * Where data lives when DATA_DIR is unset (relative to the repo root, the working directory of
 * every entry point). No side effects. scripts/postgres.mjs repeats it (plain Node scripts cannot
 * import TypeScript); with DATABASE_URL unset, the embedded PostgreSQL lives in DATA_DIR/postgres.
 */
export const DEFAULT_DATA_DIR = "./data";
