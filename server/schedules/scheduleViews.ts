import { FINISHED_RUN_STATUSES } from "@/contracts/runStatus";
import type { Db } from "../db";
import { parseRunError } from "../runs/runEventSchema";

/** How many of each schedule's runs the dialog lists (its latest), and how many scheduled runs its history shows. */
const RECENT_RUNS_PER_SCHEDULE = 1;
const HISTORY_LIMIT = 30;

const runFields = { id: true, status: true, createdAt: true, finishedAt: true, triggerKey: true, error: true, scheduleId: true } as const;

function runView(run: { id: string; status: string; createdAt: Date; finishedAt: Date | null; triggerKey: string | null; error: string | null }) {
  return {
    id: run.id,
    status: run.status,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    /** The slot (ISO time) or dataset version ("v3") it ran for. */
    slot: run.triggerKey?.slice(run.triggerKey.indexOf(":") + 1) ?? null,
    error: parseRunError(run.error)?.message ?? null,
  };
}

/** A pipeline's schedules, oldest first, with their next slot and latest runs, and the pipeline's scheduled runs, newest first. */
export async function pipelineSchedules(db: Db, projectId: string, pipelineId: string) {
  const schedules = await db.pipelineSchedule.findMany({
    where: { projectId, pipelineId },
    orderBy: { createdAt: "asc" },
    include: {
      dataset: { select: { id: true, name: true } },
      runs: { orderBy: { createdAt: "desc" }, take: RECENT_RUNS_PER_SCHEDULE, select: runFields },
    },
  });
  const creators = await db.user.findMany({ where: { id: { in: schedules.map((s) => s.createdById) } }, select: { id: true, email: true, name: true } });
  const creatorOf = new Map(creators.map((u) => [u.id, { email: u.email, name: u.name }]));
  const history = await db.run.findMany({
    where: { projectId, pipelineId, triggerKey: { not: null } },
    orderBy: { createdAt: "desc" },
    take: HISTORY_LIMIT,
    select: runFields,
  });
  return {
    schedules: schedules.map((s) => ({
      id: s.id,
      kind: s.kind,
      cron: s.cron,
      timeZone: s.timeZone,
      dataset: s.dataset,
      lastDatasetVersion: s.lastDatasetVersion,
      missedPolicy: s.missedPolicy,
      paused: s.paused,
      nextRunAt: s.nextRunAt,
      lastFiredAt: s.lastFiredAt,
      createdAt: s.createdAt,
      createdBy: creatorOf.get(s.createdById) ?? null,
      recentRuns: s.runs.map(runView),
    })),
    history: history.map((run) => ({ ...runView(run), scheduleId: run.scheduleId })),
  };
}

/** The project's schedules whose latest finished run failed: what the project page warns about, newest failure first. */
export async function failingScheduledRuns(db: Db, projectId: string) {
  const schedules = await db.pipelineSchedule.findMany({
    where: { projectId },
    select: {
      id: true,
      kind: true,
      cron: true,
      timeZone: true,
      dataset: { select: { name: true } },
      pipeline: { select: { id: true, name: true } },
      runs: { where: { status: { in: [...FINISHED_RUN_STATUSES] } }, orderBy: { createdAt: "desc" }, take: 1, select: runFields },
    },
  });
  return schedules
    .flatMap((s) => {
      const latest = s.runs[0];
      if (latest?.status !== "failed") return [];
      const schedule = { id: s.id, kind: s.kind, cron: s.cron, timeZone: s.timeZone, datasetName: s.dataset?.name ?? null };
      return [{ run: runView(latest), pipeline: s.pipeline, schedule }];
    })
    .sort((a, b) => b.run.createdAt.getTime() - a.run.createdAt.getTime());
}
