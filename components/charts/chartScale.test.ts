import { describe, expect, it } from "vitest";
import { extent } from "./chartScale";

describe("extent", () => {
  it("spans the values, puts a flat series mid-chart at its own scale, and all zeros on 0 to 1", () => {
    expect(extent([3, 1, 2])).toEqual([1, 3]);
    const [low, high] = extent([0.8, 0.8, 0.8]);
    expect(low).toBeCloseTo(0.76, 10);
    expect(high).toBeCloseTo(0.84, 10);
    expect(extent([0, 0])).toEqual([0, 1]);
    expect(extent([])).toEqual([0, 1]);
  });
});
