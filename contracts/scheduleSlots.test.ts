import { describe, expect, it } from "vitest";
import { latestSlotAtOrBefore, nextSlot, nextSlots } from "./scheduleSlots";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("cron slots in a time zone across DST changes", () => {
  it("every Monday 06:00 Europe/Berlin stays at 06:00 local time over the last Sunday of March (CET → CEST)", () => {
    // 2026-03-29 is the spring-forward Sunday: 06:00 is 05:00 UTC before it and 04:00 UTC after it.
    expect(iso(nextSlots("0 6 * * 1", "Europe/Berlin", new Date("2026-03-20T12:00:00Z"), 3))).toEqual([
      "2026-03-23T05:00:00.000Z",
      "2026-03-30T04:00:00.000Z",
      "2026-04-06T04:00:00.000Z",
    ]);
  });

  it("every Monday 06:00 Europe/Berlin over the last Sunday of October (CEST → CET)", () => {
    expect(iso(nextSlots("0 6 * * 1", "Europe/Berlin", new Date("2026-10-17T12:00:00Z"), 3))).toEqual([
      "2026-10-19T04:00:00.000Z",
      "2026-10-26T05:00:00.000Z",
      "2026-11-02T05:00:00.000Z",
    ]);
  });

  it("a daily 02:30 job runs at 03:00 CEST on the spring-forward day, when 02:30 does not exist, and once on the fall-back day", () => {
    expect(iso(nextSlots("30 2 * * *", "Europe/Berlin", new Date("2026-03-28T12:00:00Z"), 3))).toEqual([
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:30:00.000Z",
      "2026-03-31T00:30:00.000Z",
    ]);
    // 02:30 happens twice on 2026-10-25 (CEST, then CET): one run, at the first.
    expect(iso(nextSlots("30 2 * * *", "Europe/Berlin", new Date("2026-10-24T12:00:00Z"), 3))).toEqual([
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:30:00.000Z",
      "2026-10-27T01:30:00.000Z",
    ]);
  });

  it("the same expression in UTC and in New York differ by the zone's offset, which changes with US DST", () => {
    expect(nextSlot("0 6 * * *", "UTC", new Date("2026-03-07T12:00:00Z"))!.toISOString()).toBe("2026-03-08T06:00:00.000Z");
    expect(nextSlot("0 6 * * *", "America/New_York", new Date("2026-03-07T12:00:00Z"))!.toISOString()).toBe("2026-03-08T10:00:00.000Z");
    expect(nextSlot("0 6 * * *", "America/New_York", new Date("2026-03-08T12:00:00Z"))!.toISOString()).toBe("2026-03-09T10:00:00.000Z");
  });

  it("next is strictly after the reference; latest is at or before it", () => {
    const slot = new Date("2026-03-30T04:00:00Z");
    expect(nextSlot("0 6 * * 1", "Europe/Berlin", slot)!.toISOString()).toBe("2026-04-06T04:00:00.000Z");
    expect(latestSlotAtOrBefore("0 6 * * 1", "Europe/Berlin", slot)!.toISOString()).toBe("2026-03-30T04:00:00.000Z");
    expect(latestSlotAtOrBefore("0 6 * * 1", "Europe/Berlin", new Date(slot.getTime() - 1))!.toISOString()).toBe("2026-03-23T05:00:00.000Z");
  });
});
