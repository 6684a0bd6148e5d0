import { describe, expect, it } from "vitest";
import { progressUnit } from "./progressUnit";

describe("progressUnit", () => {
  it("names boosting rounds, trees and trials, and epochs otherwise", () => {
    expect(progressUnit("gradient-boosting")).toBe("boosting round");
    expect(progressUnit("random-forest")).toBe("tree");
    expect(progressUnit("tuner")).toBe("trial");
    expect(progressUnit("mlp")).toBe("epoch");
    expect(progressUnit(undefined)).toBe("epoch");
  });
});
