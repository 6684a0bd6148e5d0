import { describe, expect, it } from "vitest";
import { applyParamChange } from "./linkedParams";

describe("applyParamChange", () => {
  it("takes a new validation share from train, keeping test", () => {
    expect(applyParamChange("split", {}, "validation", 0.15)).toEqual({ validation: 0.15, train: 0.55 });
    expect(applyParamChange("split", { train: 0.8, test: 0.2 }, "validation", 0.1)).toEqual({ train: 0.7, validation: 0.1, test: 0.2 });
  });

  it("gives train's change to test, keeping validation", () => {
    expect(applyParamChange("split", { validation: 0.1 }, "train", 0.6)).toEqual({ validation: 0.1, train: 0.6, test: 0.3 });
  });

  it("leaves shares that cannot add up as typed, for the node's own check to explain", () => {
    expect(applyParamChange("split", { test: 0.3 }, "validation", 0.7)).toEqual({ test: 0.3, validation: 0.7 });
    expect(applyParamChange("split", {}, "test", 1.5)).toEqual({ test: 1.5 });
  });

  it("changes only the edited param of other nodes, and clears without rebalancing", () => {
    expect(applyParamChange("scale", { method: "z" }, "method", "minmax")).toEqual({ method: "minmax" });
    expect(applyParamChange("split", { validation: 0.2, train: 0.5 }, "validation", undefined)).toEqual({ train: 0.5 });
  });
});
