import { Cron } from "croner";
import { CRON_OPTIONS } from "./schedules";

/**
 * Slot arithmetic for cron schedules, read in the schedule's time zone by croner: across a DST change a daily
 * 02:30 job runs at 03:00 on the spring-forward day (the time does not exist) and once on the fall-back day.
 * Pure (no database), so the schedule dialog can preview slots in the browser with the same rules.
 */
function cronIn(cron: string, timeZone: string): Cron {
  return new Cron(cron, { ...CRON_OPTIONS, timezone: timeZone, paused: true });
}

/** The first slot strictly after `after`, or null when the expression never fires again. */
export function nextSlot(cron: string, timeZone: string, after: Date): Date | null {
  return cronIn(cron, timeZone).nextRun(after);
}

/** The next `count` slots strictly after `after`. */
export function nextSlots(cron: string, timeZone: string, after: Date, count: number): Date[] {
  return cronIn(cron, timeZone).nextRuns(count, after);
}

/** The latest slot at or before `at`, or null when there was none. */
export function latestSlotAtOrBefore(cron: string, timeZone: string, at: Date): Date | null {
  // previousRuns excludes its reference instant; a millisecond later includes a slot exactly at `at`.
  return cronIn(cron, timeZone).previousRuns(1, new Date(at.getTime() + 1))[0] ?? null;
}
