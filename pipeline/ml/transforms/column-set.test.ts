import { describe, expect, it } from "vitest";
import { presentMean, presentValues } from "./column-set";
import { mean } from "./summaries";

describe("present values", () => {
  it("skips missing values, and presentMean is the mean of presentValues to the last bit", () => {
    const values = Float64Array.from([0.1, NaN, 0.2, 0.7, NaN, 1e-17, 3]);
    expect(Array.from(presentValues(values))).toEqual([0.1, 0.2, 0.7, 1e-17, 3]);
    expect(presentMean(values)).toBe(mean(presentValues(values)));
    expect(presentMean(values)).toBe((0.1 + 0.2 + 0.7 + 1e-17 + 3) / 5);
  });

  it("has no mean without a present value", () => {
    expect(presentMean(Float64Array.from([NaN, NaN]))).toBeNull();
    expect(presentMean(new Float64Array(0))).toBeNull();
  });
});
