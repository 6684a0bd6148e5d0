import { describe, expect, it } from "vitest";
import { formatDuration } from "./formatDuration";

describe("formatDuration", () => {
  it("rounds step timings (which are fractional) and never shows 60 of a smaller unit", () => {
    expect(formatDuration(91.82769200000075)).toBe("92 ms");
    expect(formatDuration(999.6)).toBe("1.0 s");
    expect(formatDuration(1250)).toBe("1.3 s");
    expect(formatDuration(59_960)).toBe("1 min 0 s");
    expect(formatDuration(119_700)).toBe("2 min 0 s");
    expect(formatDuration(754_000)).toBe("12 min 34 s");
    expect(formatDuration(null)).toBe("–");
    expect(formatDuration(Number.NaN)).toBe("–");
  });
});
