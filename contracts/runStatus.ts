import { z } from "zod";

/**
 * The life of a run and of a tuner trial: queued → running → one of the finished statuses.
 * Stored as text (Run.status, TunerTrial.status, StepRun.status), written by the server and
 * the worker and read by the run views, so every tier takes the words from here.
 */
export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Statuses a run ends in and never leaves. */
export const FINISHED_RUN_STATUSES = ["succeeded", "failed", "cancelled"] as const satisfies readonly RunStatus[];
export const finishedRunStatusSchema = z.enum(FINISHED_RUN_STATUSES);
export type FinishedRunStatus = z.infer<typeof finishedRunStatusSchema>;

/** Statuses of a run still waiting for or holding a worker: the ones cancel stops and the run list keeps polling. */
export const ACTIVE_RUN_STATUSES = ["queued", "running"] as const satisfies readonly RunStatus[];

export function isFinished(status: string): status is FinishedRunStatus {
  return finishedRunStatusSchema.safeParse(status).success;
}

export function isActive(status: string): boolean {
  return (ACTIVE_RUN_STATUSES as readonly string[]).includes(status);
}
