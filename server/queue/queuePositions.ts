import type { Db } from "../db";

/**
 * Where a queued server run stands. "project": waiting for a slot in its project's queue (the cap is
 * reached), `position` counting from 1 among that project's waiting runs in admission order. "worker":
 * admitted and waiting for a free worker, `position` among every admitted run not yet started, in the
 * order pg-boss hands them out (interactive lane first, then oldest admission).
 */
export interface QueuePosition {
  phase: "project" | "worker";
  position: number;
}

export async function queuePositions(db: Db, projectId: string): Promise<Map<string, QueuePosition>> {
  const waitingInProject = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Run"
    WHERE "projectId" = ${projectId} AND "target" = 'server' AND "status" = 'queued' AND "dispatchedAt" IS NULL
    ORDER BY "movedToFrontAt" DESC NULLS LAST, ("lane" = 'interactive') DESC, "createdAt", "id"`;
  const waitingForWorker = await db.$queryRaw<{ id: string; position: bigint }[]>`
    SELECT "id", "position" FROM (
      SELECT "id", "projectId", row_number() OVER (ORDER BY ("lane" = 'interactive') DESC, "dispatchedAt", "id") AS "position"
      FROM "Run" WHERE "target" = 'server' AND "status" = 'queued' AND "dispatchedAt" IS NOT NULL
    ) AS ranked WHERE "projectId" = ${projectId}`;
  const positions = new Map<string, QueuePosition>();
  waitingInProject.forEach(({ id }, index) => positions.set(id, { phase: "project", position: index + 1 }));
  for (const { id, position } of waitingForWorker) positions.set(id, { phase: "worker", position: Number(position) });
  return positions;
}
