import { describe, expect, it } from "vitest";
import { predictionDistribution, NO_PREDICTION } from "./canaryComparison";
import { servedVersionFor } from "./canarySplit";

describe("servedVersionFor", () => {
  it("serves the current version without a canary, and the canary below its share of the draw", () => {
    expect(servedVersionFor("v1", { canaryVersionId: null, canaryPercent: 10 }, () => 0)).toBe("v1");
    expect(servedVersionFor("v1", { canaryVersionId: "v2", canaryPercent: 0 }, () => 0)).toBe("v1");
    expect(servedVersionFor("v1", { canaryVersionId: "v2", canaryPercent: 10 }, () => 0.0999)).toBe("v2");
    expect(servedVersionFor("v1", { canaryVersionId: "v2", canaryPercent: 10 }, () => 0.1)).toBe("v1");
  });
});

describe("predictionDistribution", () => {
  it("counts labels per version over the same columns, unscored rows included", () => {
    expect(
      predictionDistribution(false, [
        ["b", "a", null],
        ["a", "a"],
      ]),
    ).toEqual({
      kind: "labels",
      labels: [NO_PREDICTION, "a", "b"],
      counts: [
        [1, 1, 1],
        [0, 2, 0],
      ],
    });
  });

  it("bins regression outputs of both versions on one shared range", () => {
    const distribution = predictionDistribution(true, [[0, 1, 2], [10]]);
    expect(distribution.kind).toBe("histogram");
    if (distribution.kind !== "histogram") return;
    expect(distribution.bins).toHaveLength(10);
    expect([distribution.bins[0]!.from, distribution.bins[9]!.to]).toEqual([0, 10]);
    expect(distribution.counts).toEqual([
      [1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    ]);
    expect(predictionDistribution(true, [[3, 3], []])).toEqual({ kind: "histogram", bins: [{ from: 3, to: 3.5 }], counts: [[2], [0]] });
    // Edges are round numbers: a bin starting at zero says 0, not a float residue such as 5.33e-15.
    const around = predictionDistribution(true, [
      [-1.6, -0.3],
      [0.1, 0.4],
    ]);
    if (around.kind !== "histogram") return;
    expect(around.bins.map((b) => b.from)).toEqual([-1.6, -1.4, -1.2, -1, -0.8, -0.6, -0.4, -0.2, 0, 0.2]);
    expect(around.counts).toEqual([
      [1, 0, 0, 0, 0, 0, 1, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
    ]);
    expect(predictionDistribution(true, [[], []])).toEqual({ kind: "histogram", bins: [], counts: [[], []] });
  });
});
