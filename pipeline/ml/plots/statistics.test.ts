import { describe, expect, it } from "vitest";
import { boxSummary, countIntoBins, histogramBins, pearson, quantileSorted } from "./statistics";

describe("histogramBins", () => {
  it("puts edges on round numbers so a bin starting at zero reads 0, not a float residue", () => {
    const bins = histogramBins([0, 0.1, 0.3, 0.7, 0.9, 1], 5);
    expect(bins.map((b) => [b.x0, b.x1])).toEqual([
      [0, 0.2],
      [0.2, 0.4],
      [0.4, 0.6],
      [0.6, 0.8],
      [0.8, 1],
    ]);
    // 1 sits on the last edge and is counted in the last bin.
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 1, 2]);
  });

  it("widens around a single value and skips missing values", () => {
    expect(histogramBins([3, NaN, 3], 10)).toEqual([{ x0: 3, x1: 3.5, count: 2 }]);
    expect(histogramBins([NaN], 10)).toEqual([]);
  });

  it("steps by 1, 2 or 5 × 10^k over large ranges", () => {
    const bins = histogramBins([0, 1000], 10);
    expect(bins[0]).toEqual({ x0: 0, x1: 100, count: 1 });
    expect(bins).toHaveLength(10);
  });
});

describe("box plot numbers", () => {
  it("gives the quartiles of 1..9 as 3, 5 and 7", () => {
    const box = boxSummary([9, 8, 7, 6, 5, 4, 3, 2, 1])!;
    expect([box.q1, box.median, box.q3, box.low, box.high, box.count]).toEqual([3, 5, 7, 1, 9, 9]);
    expect(box.outliers).toEqual([]);
  });

  it("interpolates between ranks and flags values beyond 1.5 IQR as outliers", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    const box = boxSummary([1, 2, 3, 4, 5, 6, 7, 8, 100])!;
    // q1 = 3, q3 = 7, IQR 4: the whisker reach is 7 + 6 = 13, so 100 is an outlier and the high whisker stops at 8.
    expect(box.high).toBe(8);
    expect(box.outliers).toEqual([100]);
    expect(boxSummary([NaN])).toBeUndefined();
  });
});

describe("pearson", () => {
  it("is 1 for perfectly correlated columns, -1 for opposite ones and NaN without spread", () => {
    expect(pearson([1, 2, 3, 4], [10, 20, 30, 40])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNaN();
  });

  it("matches a hand-computed value and ignores rows with a missing side", () => {
    // x = 1,2,3 and y = 1,3,2: cov = 1, var x = 2, var y = 2, so r = 0.5.
    expect(pearson([1, 2, 3, 7], [1, 3, 2, NaN])).toBeCloseTo(0.5, 12);
  });
});

describe("countIntoBins", () => {
  it("counts another group's values into the same edges, closing the last bin on the right", () => {
    const edges = histogramBins([0, 10], 5);
    expect(countIntoBins(edges, [0, 1.99, 2, 10, NaN, 12]).map((b) => b.count)).toEqual([2, 1, 0, 0, 2]);
    expect(countIntoBins([], [1])).toEqual([]);
  });
});
