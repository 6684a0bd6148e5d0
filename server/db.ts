import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "./env";

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: env.DATABASE_URL }) });
}

// One client per process: Next.js dev reloads modules, which would otherwise open a new connection each time.
const globalForPrisma = globalThis as unknown as { vajraPrisma?: PrismaClient };

export const db = globalForPrisma.vajraPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.vajraPrisma = db;

export type Db = PrismaClient;
