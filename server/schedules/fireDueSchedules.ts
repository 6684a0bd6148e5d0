import { parseRole, roleSatisfies } from "@/contracts/projectRoles";
import { ACTIVE_RUN_STATUSES } from "@/contracts/runStatus";
import type { Db } from "../db";
import { isUniqueViolation } from "../db/uniqueViolation";
import type { RunQueue } from "../queue/runQueue";
import { startRun } from "../runs/startRun";
import { latestSlotAtOrBefore, nextSlot } from "@/contracts/scheduleSlots";

export interface FireOptions {
  /**
   * A slot found due later than this was missed while no scheduler ran (not merely noticed at the next poll),
   * so the schedule's missed policy decides whether it runs.
   */
  onTimeMs?: number;
  log?: (message: string) => void;
}

/** What one pass did with a schedule: "fired" started a run, "taken" found another scheduler had started it, "skipped" ran none. */
export interface FireOutcome {
  scheduleId: string;
  triggerKey: string | null;
  outcome: "fired" | "taken" | "skipped" | "failed";
  runId?: string;
  reason?: string;
}

/** Five minutes: a healthy scheduler polls far more often, so a slot this late was missed while everything was down. */
const DEFAULT_ON_TIME_MS = 5 * 60_000;

type RunStarter = Pick<RunQueue, "admit">;

/**
 * Starts the runs of every due cron schedule and dataset trigger: each an ordinary server run in the batch
 * lane, authored by the schedule's creator and marked with the schedule and its slot. Any number of processes
 * may call this at once: the slot's trigger key is unique per schedule (Run.@@unique([scheduleId, triggerKey])),
 * so exactly one of them creates the run, and the schedule only moves on from the state it was read in.
 */
export async function fireDueSchedules(db: Db, queue: RunStarter, now: Date, options: FireOptions = {}): Promise<FireOutcome[]> {
  const log = options.log ?? (() => undefined);
  const cron = await fireCronSchedules(db, queue, now, options.onTimeMs ?? DEFAULT_ON_TIME_MS);
  const datasets = await fireDatasetTriggers(db, queue, now);
  // "taken" means another scheduler started that run: only what this process did is worth a line.
  const logged = (label: string, outcomes: FireOutcome[]) => {
    for (const o of outcomes)
      if (o.outcome !== "taken") log(`${label} ${o.scheduleId}: ${o.outcome}${o.runId ? ` run ${o.runId}` : ""}${o.reason ? ` (${o.reason})` : ""}`);
  };
  logged("schedule", cron);
  logged("trigger", datasets);
  return [...cron, ...datasets];
}

async function fireCronSchedules(db: Db, queue: RunStarter, now: Date, onTimeMs: number): Promise<FireOutcome[]> {
  const due = await db.pipelineSchedule.findMany({
    where: { kind: "cron", paused: false, nextRunAt: { lte: now } },
    orderBy: { nextRunAt: "asc" },
  });
  const outcomes: FireOutcome[] = [];
  for (const schedule of due) {
    const scheduled = schedule.nextRunAt!;
    try {
      const cron = schedule.cron ?? "";
      const timeZone = schedule.timeZone ?? "UTC";
      const latest = latestSlotAtOrBefore(cron, timeZone, now);
      const slot = latest !== null && latest > scheduled ? latest : scheduled;
      const onTime = slot.getTime() === scheduled.getTime() && now.getTime() - scheduled.getTime() <= onTimeMs;
      let outcome: FireOutcome;
      if (onTime || schedule.missedPolicy === "run_once") {
        outcome = await fire(db, queue, schedule, `${schedule.id}:${slot.toISOString()}`);
      } else {
        outcome = { scheduleId: schedule.id, triggerKey: null, outcome: "skipped", reason: `missed slots up to ${slot.toISOString()} skipped` };
      }
      // Moves on only from the slot this pass read: another scheduler that got here first, or an edit, wins.
      await db.pipelineSchedule.updateMany({
        where: { id: schedule.id, nextRunAt: scheduled },
        data: { nextRunAt: nextSlot(cron, timeZone, now), ...(outcome.outcome === "fired" ? { lastFiredAt: now } : {}) },
      });
      outcomes.push(outcome);
    } catch (error) {
      outcomes.push({ scheduleId: schedule.id, triggerKey: null, outcome: "failed", reason: String(error) });
    }
  }
  return outcomes;
}

async function fireDatasetTriggers(db: Db, queue: RunStarter, now: Date): Promise<FireOutcome[]> {
  const triggers = await db.pipelineSchedule.findMany({
    where: { kind: "dataset", paused: false, datasetId: { not: null } },
    include: { dataset: { select: { versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } } } } },
  });
  const outcomes: FireOutcome[] = [];
  for (const trigger of triggers) {
    const newest = trigger.dataset?.versions[0]?.number;
    const seen = trigger.lastDatasetVersion;
    if (newest === undefined || newest <= (seen ?? 0)) continue;
    try {
      const outcome = await fire(db, queue, trigger, `${trigger.id}:v${newest}`);
      outcomes.push(outcome);
      // Held back by a run still going, the newest version fires once that run has finished.
      if (outcome.outcome === "skipped") continue;
      await db.pipelineSchedule.updateMany({
        where: { id: trigger.id, lastDatasetVersion: seen },
        data: { lastDatasetVersion: newest, ...(outcome.outcome === "fired" ? { lastFiredAt: now } : {}) },
      });
    } catch (error) {
      outcomes.push({ scheduleId: trigger.id, triggerKey: null, outcome: "failed", reason: String(error) });
    }
  }
  return outcomes;
}

interface Firable {
  id: string;
  projectId: string;
  pipelineId: string;
  createdById: string;
}

/**
 * One run for one slot. A pipeline that cannot run (never saved, compile errors, a dataset gone) fires no run:
 * the slot is reported "failed" and the schedule still moves on, so one broken pipeline does not retry every poll.
 */
async function fire(db: Db, queue: RunStarter, schedule: Firable, triggerKey: string): Promise<FireOutcome> {
  // Runs are authored by the schedule's creator, so one who has left the project (or is now a viewer) starts none.
  const author = await db.membership.findUnique({ where: { projectId_userId: { projectId: schedule.projectId, userId: schedule.createdById } } });
  if (author === null || !roleSatisfies(parseRole(author.role), "editor")) {
    await db.pipelineSchedule.update({ where: { id: schedule.id }, data: { paused: true, nextRunAt: null } });
    return {
      scheduleId: schedule.id,
      triggerKey,
      outcome: "failed",
      reason: "paused: whoever created or last resumed it is no longer an editor of the project",
    };
  }
  // A slot that comes while the schedule's last run is still queued or running starts nothing: runs never pile up behind a slow pipeline.
  const unfinished = await db.run.findFirst({
    where: { scheduleId: schedule.id, status: { in: [...ACTIVE_RUN_STATUSES] }, triggerKey: { not: triggerKey } },
    select: { id: true },
  });
  if (unfinished !== null) return { scheduleId: schedule.id, triggerKey, outcome: "skipped", reason: `its previous run ${unfinished.id} is still going` };
  try {
    const run = await startRun(db, queue, {
      projectId: schedule.projectId,
      pipelineId: schedule.pipelineId,
      target: "server",
      userId: schedule.createdById,
      lane: "batch",
      trigger: { scheduleId: schedule.id, triggerKey },
    });
    return { scheduleId: schedule.id, triggerKey, outcome: "fired", runId: run.runId };
  } catch (error) {
    if (isUniqueViolation(error)) return { scheduleId: schedule.id, triggerKey, outcome: "taken" };
    return { scheduleId: schedule.id, triggerKey, outcome: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
}
