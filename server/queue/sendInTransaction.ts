import type PgBoss from "pg-boss";
import type { Prisma } from "../../generated/prisma/client";

/**
 * pg-boss's send, written through an open Prisma transaction's connection: the job exists exactly when
 * the row that refers to it does (a run marked dispatched, a trial row), whichever way the transaction ends.
 */
export function sendInTransaction(tx: Prisma.TransactionClient, boss: PgBoss, queue: string, data: object, options: PgBoss.SendOptions) {
  const db: PgBoss.Db = { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) };
  return boss.send(queue, data, { ...options, db });
}
