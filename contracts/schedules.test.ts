import { describe, expect, it } from "vitest";
import { scheduleDefinitionSchema } from "./schedules";

describe("schedule definitions", () => {
  it("accept a five-field cron expression in an IANA time zone, with run_once as the default missed policy", () => {
    expect(scheduleDefinitionSchema.parse({ kind: "cron", cron: " 0 6 * * 1 ", timeZone: "Europe/Berlin" })).toEqual({
      kind: "cron",
      cron: "0 6 * * 1",
      timeZone: "Europe/Berlin",
      missedPolicy: "run_once",
    });
    expect(scheduleDefinitionSchema.parse({ kind: "dataset", datasetId: "d1" })).toEqual({ kind: "dataset", datasetId: "d1" });
  });

  it.each([
    [{ kind: "cron", cron: "61 * * * *", timeZone: "UTC" }, /minute/],
    [{ kind: "cron", cron: "*/5 * * * * *", timeZone: "UTC" }, /5 parts/],
    [{ kind: "cron", cron: "every monday", timeZone: "UTC" }, /cron expression/],
    [{ kind: "cron", cron: "0 6 * * 1", timeZone: "Mars/Olympus_Mons" }, /time zone/],
    [{ kind: "cron", cron: "0 6 * * 1", timeZone: "UTC", missedPolicy: "catch_up" }, /run_once/],
    [{ kind: "dataset", datasetId: "" }, /dataset/],
  ])("refuse %j", (input, message) => {
    const result = scheduleDefinitionSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join("\n")).toMatch(message);
  });
});
