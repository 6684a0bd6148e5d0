import type { Db } from "../db";

/**
 * Announces `payload` on a PostgreSQL NOTIFY channel, for the ChangeListener of every process (changeListener.ts).
 * Inside a transaction it is delivered at commit; payloads must stay under 8000 bytes.
 */
export async function notify(db: Pick<Db, "$executeRaw">, channel: string, payload: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${channel}::text, ${payload}::text)`;
}
