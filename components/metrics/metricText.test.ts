import { describe, expect, it } from "vitest";
import { metricLabel, metricValue } from "./metricText";

describe("metric text", () => {
  it("names metrics as people read them", () => {
    expect(metricLabel("trainMs")).toBe("train time");
    expect(metricLabel("logLoss")).toBe("log loss");
    expect(metricLabel("accuracy")).toBe("accuracy");
    expect(metricLabel("r2")).toBe("R²");
    expect(metricLabel("macroF1")).toBe("macro F1");
  });

  it("shows durations as times and other values to 4 significant digits", () => {
    expect(metricValue("trainMs", 1134.4)).toBe("1.1 s");
    expect(metricValue("trainMs", 41.2)).toBe("41 ms");
    expect(metricValue("accuracy", 0.966666667)).toBe("0.9667");
    expect(metricValue("rows", 120)).toBe("120");
    expect(metricValue("accuracy", null)).toBe("–");
  });
});
