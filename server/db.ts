import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { databaseUrl } from "./env";

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

// One client per process: Next.js dev reloads modules, which would otherwise open a new pool each time.
const globalForPrisma = globalThis as unknown as { vajraPrisma?: PrismaClient };

export const db = globalForPrisma.vajraPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.vajraPrisma = db;

export type Db = PrismaClient;
