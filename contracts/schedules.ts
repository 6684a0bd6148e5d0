import { Cron } from "croner";
import { z } from "zod";

/**
 * Pipeline schedules (stored as PipelineSchedule): "cron" fires at the slots of a cron expression read in
 * a time zone; "dataset" fires when a dataset gets a new version.
 */
export const SCHEDULE_KINDS = ["cron", "dataset"] as const;
export const scheduleKindSchema = z.enum(SCHEDULE_KINDS);
export type ScheduleKind = z.infer<typeof scheduleKindSchema>;

/** What slots missed while no scheduler was running do: "run_once" runs the latest of them once at start-up, "skip" runs none. */
export const MISSED_POLICIES = ["run_once", "skip"] as const;
export const missedPolicySchema = z.enum(MISSED_POLICIES);
export type MissedPolicy = z.infer<typeof missedPolicySchema>;

/**
 * Croner's options for every schedule: classic five fields (minute precision, as a scheduler polling every
 * few seconds cannot honour seconds), day-of-month OR day-of-week like Vixie cron.
 */
export const CRON_OPTIONS = { mode: "5-part", domAndDow: false } as const;

/** Why `cron` is not a five-field cron expression, or undefined when it is one. */
export function cronProblem(cron: string): string | undefined {
  try {
    new Cron(cron, { ...CRON_OPTIONS, paused: true });
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, "") : String(error);
    return `Not a valid cron expression (minute hour day-of-month month day-of-week): ${message}`;
  }
}

/** True for names Intl knows as IANA time zones (e.g. "Europe/Berlin", "UTC"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const cronExpressionSchema = z
  .string()
  .trim()
  .min(1, "Enter a cron expression.")
  .max(200, "Cron expressions are at most 200 characters.")
  .superRefine((cron, context) => {
    const problem = cronProblem(cron);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, "Choose a time zone.")
  .max(100)
  .refine(isTimeZone, "Not a known IANA time zone (e.g. Europe/Berlin, America/New_York, UTC).");

export const cronScheduleSchema = z.object({
  kind: z.literal("cron"),
  cron: cronExpressionSchema,
  timeZone: timeZoneSchema,
  missedPolicy: missedPolicySchema.default("run_once"),
});

export const datasetTriggerSchema = z.object({
  kind: z.literal("dataset"),
  datasetId: z.string().min(1, "Choose a dataset."),
});

/** What a new schedule is: a cron schedule or a dataset trigger. */
export const scheduleDefinitionSchema = z.discriminatedUnion("kind", [cronScheduleSchema, datasetTriggerSchema]);
export type ScheduleDefinition = z.infer<typeof scheduleDefinitionSchema>;

/** A few common schedules offered in the form; anything else is typed as a cron expression. */
export const CRON_PRESETS = [
  { label: "Every Monday 06:00", cron: "0 6 * * 1" },
  { label: "Every day at 02:00", cron: "0 2 * * *" },
  { label: "Every hour", cron: "0 * * * *" },
  { label: "Weekdays at 09:00", cron: "0 9 * * 1-5" },
  { label: "First of the month 00:00", cron: "0 0 1 * *" },
] as const;
