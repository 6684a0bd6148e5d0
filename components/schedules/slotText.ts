import { CRON_PRESETS } from "@/contracts/schedules";

const FIELDS = { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

/** The browser's own IANA zone ("UTC" where it will not say). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * A slot as people read it: in the schedule's zone, and in the viewer's own when that differs,
 * e.g. "Mon, 30 Mar 2026, 06:00 Europe/Berlin · 00:00 your time (Mon, 30 Mar 2026)".
 */
export function slotText(slot: Date, timeZone: string, localZone = browserTimeZone()): { inZone: string; local: string | null } {
  const wallClock = (zone: string) => new Intl.DateTimeFormat("en-GB", { ...FIELDS, timeZone: zone }).format(slot);
  const inSchedule = wallClock(timeZone);
  const inZone = `${inSchedule} ${timeZone}`;
  if (inSchedule === wallClock(localZone)) return { inZone, local: null };
  return { inZone, local: `${new Intl.DateTimeFormat("en-GB", { ...FIELDS, timeZone: localZone, timeZoneName: "short" }).format(slot)} your time` };
}

/** "Every Monday 06:00 (0 6 * * 1)" for a preset, else the expression itself. */
export function cronText(cron: string): string {
  const preset = CRON_PRESETS.find((p) => p.cron === cron);
  return preset ? `${preset.label} (${cron})` : `cron ${cron}`;
}

/** Every IANA zone this browser knows, UTC first. */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}
