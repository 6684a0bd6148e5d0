import "server-only";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATA_DIR, DEFAULT_EMBEDDED_PORT, embeddedDatabaseUrl, urlFor } from "@/scripts/postgresUrl.mjs";

/**
 * All configuration comes from environment variables; every one has an embedded
 * default so `npm install && npm run dev` needs nothing else.
 */
const envSchema = z.object({
  // A PostgreSQL server (postgres://user:password@host:5432/db). Unset: the embedded PostgreSQL in
  // DATA_DIR/postgres on 127.0.0.1:VAJRA_POSTGRES_PORT (scripts/postgres.mjs).
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  // Where each web process LISTENs for run progress (server/runs/runChangeListener.ts); unset: DATABASE_URL.
  // LISTEN needs a session-mode connection, so behind a transaction-mode pooler (pgbouncer) point this at PostgreSQL itself.
  DATABASE_LISTEN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  VAJRA_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_EMBEDDED_PORT),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  // Throttles against password guessing and mass sign-up (server/auth/throttles.ts); each window is
  // fixed (15 minutes for sign-in, 1 hour for sign-up). Raise them only for tests that sign up many users.
  AUTH_SIGNIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  AUTH_SIGNIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  AUTH_SIGNUPS_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  // Project archive imports (server/projects/importProject.ts): the upload as sent (20 dataset uploads of 50 MiB),
  // and what it may unpack to, counted as it decompresses so a small gzip bomb is stopped early.
  VAJRA_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  VAJRA_IMPORT_MAX_UNPACKED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024 * 1024),
  // Server workers (server/worker/config.ts). "0": the web server executes no server runs itself.
  VAJRA_INPROCESS_WORKER: z
    .string()
    .default("1")
    .transform((value) => value !== "0"),
  VAJRA_WORKER_ID: z.string().min(1).optional(),
  VAJRA_WORKER_LEASE_MS: z.coerce.number().int().min(200).default(30_000),
  VAJRA_WORKER_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  VAJRA_WORKER_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  // How often each worker process fires due schedules and dataset triggers (server/schedules/); it also does once at start-up.
  VAJRA_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  // The job queue (pg-boss, server/queue/). How often expired leases are looked for: a dead worker's run is
  // redelivered within VAJRA_WORKER_LEASE_MS plus this.
  VAJRA_QUEUE_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(10),
  // Fair share: at most this many server runs of one project are handed to workers at a time; the rest wait
  // in the project's own queue. Per-project overrides as JSON, e.g. {"<projectId>": 4}.
  VAJRA_QUEUE_PROJECT_CAP: z.coerce.number().int().min(1).default(2),
  VAJRA_QUEUE_PROJECT_CAPS: z
    .string()
    .default("{}")
    .transform((text, context) => {
      const parsed = z.record(z.string(), z.number().int().min(1)).safeParse(safeJson(text));
      if (parsed.success) return parsed.data;
      context.addIssue({ code: "custom", message: 'must be a JSON object of project ids to positive integers, e.g. {"cm…": 4}' });
      return z.NEVER;
    }),
  // Artifacts and dataset files go to this S3-compatible bucket when it is set, else under DATA_DIR
  // (server/artifacts/defaultStore.ts). Credentials come from the AWS SDK's default chain
  // (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance or task roles).
  S3_BUCKET: z.string().min(1).optional(),
  /** For non-AWS servers (MinIO, R2, …); addressed path-style. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  // Database connections of projects (server/connections/): the hosts a SQL query node may reach, as a comma list of
  // host or host:port ([v6]:port for IPv6). Unset: none but the embedded PostgreSQL (SQLite files under DATA_DIR always).
  VAJRA_SQL_ALLOWED_HOSTS: z.string().default(""),
  // Key for the connections' stored passwords (32+ characters); unset: derived from the session secret.
  VAJRA_CONNECTION_KEY: z.string().min(32).optional(),
  /** Comma-separated TF.js backends to consider, e.g. "cpu" to skip wasm. */
  VAJRA_TF_BACKENDS: z.string().optional(),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;

/**
 * The database this process uses. Without DATABASE_URL it is the embedded server, which the step
 * before every entry point has started (scripts/migrate.mjs for dev/start, the worker's main, the
 * tests' global setup); a URL that points nowhere would fail on the first query, so say why here.
 */
function resolveDatabaseUrl(): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const embedded = embeddedDatabaseUrl(path.resolve(env.DATA_DIR));
  if (embedded) return embedded;
  console.error(`DATABASE_URL is unset and ${env.DATA_DIR}/postgres holds no embedded PostgreSQL yet: run \`npm run db:migrate\` first.`);
  return urlFor(env.VAJRA_POSTGRES_PORT);
}

export const databaseUrl = resolveDatabaseUrl();

/** The connection run-progress notifications are received on (see DATABASE_LISTEN_URL). */
export const databaseListenUrl = env.DATABASE_LISTEN_URL ?? databaseUrl;

/**
 * The data directory holds the database, the session secret and every upload: only this
 * server's user may enter it (user code runs as another user and could not read it anyway).
 */
function lockDataDirectory(): void {
  mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });
  // Group search only (0710) is how scripts/postgres.mjs, as root, lets the `postgres` user reach
  // DATA_DIR/postgres: that group can enter, not list, and reads nothing else here.
  if ((statSync(env.DATA_DIR).mode & 0o067) === 0) return;
  try {
    chmodSync(env.DATA_DIR, 0o700);
  } catch {
    console.warn(`DATA_DIR ${env.DATA_DIR} is readable by other users and is not ours to change; restrict it to this server's user.`);
  }
}

lockDataDirectory();

/**
 * Without NEXTAUTH_SECRET we keep a random secret in the data directory, so
 * sessions survive restarts on a developer machine without any setup.
 */
function loadAuthSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = path.join(env.DATA_DIR, ".auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const authSecret = loadAuthSecret();

// next-auth 4 needs to know its own origin; without NEXTAUTH_URL, trust the Host
// header so the app works on whatever port `npm run dev` was given.
if (!env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
