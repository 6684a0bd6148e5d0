import { describe, expect, it } from "vitest";
import { keepsEpoch, MAX_CURVE_POINTS } from "./stepCurves";

const epoch = (n: number, epochs?: number) => ({ type: "epoch" as const, nodeId: "model", epoch: n, ...(epochs === undefined ? {} : { epochs }), metrics: {} });

describe("keepsEpoch", () => {
  it("keeps every epoch of a run of at most MAX_CURVE_POINTS epochs, or of unknown length", () => {
    expect(Array.from({ length: MAX_CURVE_POINTS }, (_, i) => keepsEpoch(epoch(i + 1, MAX_CURVE_POINTS))).every(Boolean)).toBe(true);
    expect(keepsEpoch(epoch(777))).toBe(true);
  });

  it("keeps at most MAX_CURVE_POINTS evenly spaced epochs of a longer run, and always the last", () => {
    const epochs = 2999;
    const kept = Array.from({ length: epochs }, (_, i) => i + 1).filter((n) => keepsEpoch(epoch(n, epochs)));
    expect(kept.length).toBeLessThanOrEqual(MAX_CURVE_POINTS + 1);
    expect(kept.length).toBeGreaterThan(MAX_CURVE_POINTS / 2);
    expect(kept.at(-1)).toBe(epochs);
    expect(kept.slice(0, 3)).toEqual([6, 12, 18]);
  });
});
