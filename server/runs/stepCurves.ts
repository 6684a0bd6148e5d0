import type { RunEvent } from "@/pipeline/runtime/events";
import type { Db } from "../db";
import { runEventSchema } from "./runEventSchema";

export type EpochEvent = Extract<RunEvent, { type: "epoch" }>;

/** At most this many epochs of one node are stored (evenly spaced, the last always): a curve's shape, in bounded rows. */
export const MAX_CURVE_POINTS = 500;

/** Whether an epoch is one of the ≤ MAX_CURVE_POINTS stored for its node (every epoch when there are fewer). */
export function keepsEpoch(event: EpochEvent): boolean {
  if (event.epochs === undefined || event.epochs <= MAX_CURVE_POINTS) return true;
  return event.epoch % Math.ceil(event.epochs / MAX_CURVE_POINTS) === 0 || event.epoch >= event.epochs;
}

/**
 * The training curve of the step that computed `fingerprint` in this project (its stored epoch events, in order):
 * a step reused from the cache did not train, so it shows the curve of the step whose outputs it reused.
 * Empty when that step reported no epochs or is unknown.
 */
export async function producerCurve(db: Db, projectId: string, fingerprint: string): Promise<EpochEvent[]> {
  const artifact = await db.artifact.findFirst({
    where: { projectId, fingerprint, producedById: { not: null } },
    select: { producedBy: { select: { runId: true, nodeId: true } } },
  });
  const producer = artifact?.producedBy;
  if (!producer) return [];
  const rows = await db.runEvent.findMany({
    where: { runId: producer.runId, payload: { contains: '"type":"epoch"' } },
    orderBy: { seq: "asc" },
    select: { payload: true },
  });
  return rows.flatMap((row) => {
    const event = runEventSchema.parse(JSON.parse(row.payload));
    return event.type === "epoch" && event.nodeId === producer.nodeId ? [event] : [];
  });
}
