import type { MissedPolicy, ScheduleDefinition } from "@/contracts/schedules";
import type { Db } from "../db";
import { DomainError } from "../errors/domainError";
import { nextSlot } from "@/contracts/scheduleSlots";

/** More than this many schedules on one pipeline is a mistake, not a plan. */
export const MAX_SCHEDULES_PER_PIPELINE = 20;

export async function requireSchedule(db: Db, projectId: string, scheduleId: string) {
  const schedule = await db.pipelineSchedule.findFirst({ where: { id: scheduleId, projectId } });
  if (!schedule) throw new DomainError("notFound", "Schedule not found in this project.");
  return schedule;
}

async function newestDatasetVersion(db: Db, datasetId: string): Promise<number> {
  const newest = await db.datasetVersion.findFirst({ where: { datasetId }, orderBy: { number: "desc" }, select: { number: true } });
  return newest?.number ?? 0;
}

function firstSlot(cron: string, timeZone: string, now: Date): Date {
  const slot = nextSlot(cron, timeZone, now);
  if (slot === null) throw new DomainError("invalid", "This cron expression never fires again.");
  return slot;
}

/**
 * Adds a schedule to a saved pipeline. A cron schedule's first slot is the next one from now; a dataset
 * trigger starts from the dataset's current newest version, so only versions uploaded from now on fire it.
 */
export async function createSchedule(
  db: Db,
  input: { projectId: string; pipelineId: string; userId: string; definition: ScheduleDefinition },
  now = new Date(),
) {
  const pipeline = await db.pipeline.findFirst({
    where: { id: input.pipelineId, projectId: input.projectId },
    select: { id: true, _count: { select: { versions: true, schedules: true } } },
  });
  if (!pipeline) throw new DomainError("notFound", "Pipeline not found in this project.");
  if (pipeline._count.versions === 0) throw new DomainError("invalid", "Save the pipeline before scheduling it: schedules run its latest saved version.");
  if (pipeline._count.schedules >= MAX_SCHEDULES_PER_PIPELINE) {
    throw new DomainError("invalid", `A pipeline has at most ${MAX_SCHEDULES_PER_PIPELINE} schedules and triggers; delete one first.`);
  }
  const common = { projectId: input.projectId, pipelineId: pipeline.id, createdById: input.userId };
  const { definition } = input;
  if (definition.kind === "cron") {
    return db.pipelineSchedule.create({
      data: {
        ...common,
        kind: "cron",
        cron: definition.cron,
        timeZone: definition.timeZone,
        missedPolicy: definition.missedPolicy,
        nextRunAt: firstSlot(definition.cron, definition.timeZone, now),
      },
    });
  }
  const dataset = await db.dataset.findFirst({ where: { id: definition.datasetId, projectId: input.projectId }, select: { id: true } });
  if (!dataset) throw new DomainError("notFound", "Dataset not found in this project.");
  return db.pipelineSchedule.create({
    data: { ...common, kind: "dataset", datasetId: dataset.id, lastDatasetVersion: await newestDatasetVersion(db, dataset.id) },
  });
}

/**
 * Changes a cron schedule's expression, zone or missed policy; its next slot is recomputed from now. Whoever
 * changes it becomes the author of its runs, so nobody can make a teammate's schedule run more often in their name.
 */
export async function updateCronSchedule(
  db: Db,
  projectId: string,
  scheduleId: string,
  change: { cron: string; timeZone: string; missedPolicy: MissedPolicy },
  userId: string,
  now = new Date(),
) {
  const schedule = await requireSchedule(db, projectId, scheduleId);
  if (schedule.kind !== "cron") throw new DomainError("invalid", "Only cron schedules have an expression to change; delete the trigger and add another.");
  return db.pipelineSchedule.update({
    where: { id: schedule.id },
    data: { ...change, createdById: userId, nextRunAt: schedule.paused ? null : firstSlot(change.cron, change.timeZone, now) },
  });
}

/**
 * Pausing clears the next slot; resuming starts again from now, so slots and dataset versions that came
 * while paused do not run (pausing means "not now", not "later"). Whoever resumes becomes the author of
 * its runs: a schedule paused because its creator left the project runs again only as a current editor.
 */
export async function setPaused(db: Db, projectId: string, scheduleId: string, paused: boolean, userId: string, now = new Date()) {
  const schedule = await requireSchedule(db, projectId, scheduleId);
  if (paused) return db.pipelineSchedule.update({ where: { id: schedule.id }, data: { paused: true, nextRunAt: null } });
  if (schedule.kind === "cron") {
    return db.pipelineSchedule.update({
      where: { id: schedule.id },
      data: { paused: false, createdById: userId, nextRunAt: firstSlot(schedule.cron ?? "", schedule.timeZone ?? "UTC", now) },
    });
  }
  const lastDatasetVersion = schedule.datasetId ? await newestDatasetVersion(db, schedule.datasetId) : null;
  return db.pipelineSchedule.update({ where: { id: schedule.id }, data: { paused: false, createdById: userId, lastDatasetVersion } });
}
