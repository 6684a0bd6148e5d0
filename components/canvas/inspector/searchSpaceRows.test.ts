import { describe, expect, it } from "vitest";
import { modelHyperparameters, parseChoices, renameDimension, retypeDimension } from "./searchSpaceRows";

describe("search space rows", () => {
  it("offers the chosen model's hyperparameters with the ranges the tuner derives from them", () => {
    const { names, defaults } = modelHyperparameters("gradient-boosting");
    expect(names.length).toBeGreaterThan(0);
    expect(Object.keys(defaults).every((name) => names.includes(name))).toBe(true);
    expect(Object.values(defaults).some((d) => d.type !== "choice" && d.max > d.min)).toBe(true);
    expect(modelHyperparameters("no-such-model")).toEqual({ names: [], defaults: {} });
  });

  it("reads comma-separated choices as numbers, booleans and text", () => {
    expect(parseChoices(" 0.1, 1 ,relu, true,, false ")).toEqual([0.1, 1, "relu", true, false]);
  });

  it("renames a row in place", () => {
    const space = {
      a: { type: "int" as const, min: 1, max: 3, log: false },
      b: { type: "choice" as const, values: [1] },
    };
    expect(Object.keys(renameDimension(space, "a", "c"))).toEqual(["c", "b"]);
  });

  it("carries a range's ends into choices and back, rounding for integers", () => {
    const range = { type: "float" as const, min: 0.5, max: 3.5, log: false };
    expect(retypeDimension(range, "choice", undefined)).toEqual({ type: "choice", values: [0.5, 3.5] });
    expect(retypeDimension(range, "int", undefined)).toEqual({ type: "int", min: 1, max: 3, log: false });
    expect(retypeDimension({ type: "choice", values: ["relu", "tanh"] }, "float", undefined)).toEqual({ type: "float", min: 0, max: 1, log: false });
    expect(retypeDimension({ type: "choice", values: [2, 8, 4] }, "int", undefined)).toEqual({ type: "int", min: 2, max: 8, log: false });
  });
});
