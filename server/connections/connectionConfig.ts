import { z } from "zod";

export const CONNECTION_KINDS = ["postgres", "sqlite"] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export const connectionNameSchema = z
  .string()
  .trim()
  .min(1, "Give the connection a name.")
  .max(80, "Connection names are at most 80 characters.")
  .regex(/^[^\u0000-\u001f]+$/, "Connection names cannot contain control characters.");

/** Host names and IP literals only: no URLs, user info or paths, so the name cannot smuggle connection options in. */
const hostSchema = z
  .string()
  .trim()
  .min(1, "Enter the database host.")
  .max(253)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]*:[0-9a-fA-F:.]+|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/, "Enter a host name or an IP address.");

/** What a PostgreSQL connection stores in the clear; the password is kept apart, encrypted. */
export const postgresConfigSchema = z.object({
  host: hostSchema,
  port: z.number().int().min(1).max(65535).default(5432),
  database: z.string().trim().min(1, "Enter the database name.").max(63),
  user: z.string().trim().min(1, "Enter the user name.").max(63),
  ssl: z.boolean().default(false),
});
export type PostgresConfig = z.output<typeof postgresConfigSchema>;

/** A file under DATA_DIR, written relative to it (e.g. `warehouse/sales.db`). */
export const sqliteConfigSchema = z.object({
  path: z
    .string()
    .trim()
    .min(1, "Enter the SQLite file's path under the data directory.")
    .max(1000)
    .refine((value) => !value.startsWith("/") && !value.includes("\0"), "Write the path relative to the data directory, e.g. sqlite/sales.db."),
});
export type SqliteConfig = z.output<typeof sqliteConfigSchema>;

export type ConnectionConfig = { kind: "postgres"; config: PostgresConfig } | { kind: "sqlite"; config: SqliteConfig };

const passwordSchema = z.string().max(1000);

/** What an editor sends to create a connection; a PostgreSQL password may be empty (trust or peer auth). */
export const connectionInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("postgres"), name: connectionNameSchema, config: postgresConfigSchema, password: passwordSchema.default("") }),
  z.object({ kind: z.literal("sqlite"), name: connectionNameSchema, config: sqliteConfigSchema }),
]);
export type ConnectionInput = z.output<typeof connectionInputSchema>;

/** An update: the password is replaced only when one is sent, so editing the host does not require retyping it. */
export const connectionUpdateSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("postgres"), name: connectionNameSchema, config: postgresConfigSchema, password: passwordSchema.optional() }),
  z.object({ kind: z.literal("sqlite"), name: connectionNameSchema, config: sqliteConfigSchema }),
]);
export type ConnectionUpdate = z.output<typeof connectionUpdateSchema>;

/** The stored row's kind and config, checked again on the way out (a row written by older code fails clearly). */
export function parseStoredConfig(kind: string, json: string): ConnectionConfig {
  const raw: unknown = JSON.parse(json);
  if (kind === "postgres") return { kind, config: postgresConfigSchema.parse(raw) };
  if (kind === "sqlite") return { kind, config: sqliteConfigSchema.parse(raw) };
  throw new Error(`Unknown connection kind "${kind}"`);
}
