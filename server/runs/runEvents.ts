import type { Db } from "../db";
import { parseRunError, runEventSchema } from "./runEventSchema";

export const MAX_EVENTS_PER_READ = 500;

/**
 * Events after `afterSeq`, with the run's status read first: when the status says
 * finished and no events come back, the watcher has seen everything.
 */
export async function readRunEvents(db: Db, runId: string, afterSeq: number, limit = MAX_EVENTS_PER_READ) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, error: true } });
  const rows = await db.runEvent.findMany({ where: { runId, seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: limit });
  return {
    status: run.status,
    error: parseRunError(run.error),
    events: rows.map((row) => ({ seq: row.seq, at: row.createdAt, event: runEventSchema.parse(JSON.parse(row.payload)) })),
  };
}
