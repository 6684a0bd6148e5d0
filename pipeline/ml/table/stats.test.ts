import { describe, expect, it } from "vitest";
import { readCsv } from "./read-csv";
import { describeTable } from "./stats";

describe("describeTable", () => {
  const table = readCsv("x,c,flag,when,empty\n2,b,true,2020-01-01,\n4,a,false,2020-01-03,NA\n4,b,true,,\nNA,b,true,2020-01-02,\n");
  const stats = describeTable(table);
  const byName = Object.fromEntries(stats.columns.map((c) => [c.name, c]));

  it("computes numeric summaries by hand-checkable values", () => {
    const x = byName.x!;
    // Values 2, 4, 4: mean 10/3, sample variance ((4/3)² + 2·(2/3)²)/2 = 4/3.
    expect(x).toMatchObject({ type: "integer", count: 4, missing: 1, missingFraction: 0.25, distinct: 2, min: 2, max: 4 });
    expect(x.mean).toBeCloseTo(10 / 3, 12);
    expect(x.std).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(x.top).toEqual([
      { value: "4", count: 2 },
      { value: "2", count: 1 },
    ]);
  });

  it("reports levels, booleans and dates as display text", () => {
    expect(byName.c).toMatchObject({ type: "category", missing: 0, distinct: 2, min: null, mean: null, std: null });
    expect(byName.c!.top).toEqual([
      { value: "b", count: 3 },
      { value: "a", count: 1 },
    ]);
    expect(byName.flag).toMatchObject({ type: "boolean", mean: 0.75, min: 0, max: 1 });
    expect(byName.when!.top.map((t) => t.value)).toEqual(["2020-01-01", "2020-01-02", "2020-01-03"]);
    expect(byName.when).toMatchObject({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2020, 0, 3), mean: Date.UTC(2020, 0, 2) });
  });

  it("handles an all-missing column without NaN in the summary", () => {
    expect(byName.empty).toEqual({
      name: "empty",
      type: "number",
      count: 4,
      missing: 4,
      missingFraction: 1,
      distinct: 0,
      min: null,
      max: null,
      mean: null,
      std: null,
      top: [],
    });
  });

  it("samples evenly spaced rows when asked for fewer", () => {
    const big = readCsv("v\n" + Array.from({ length: 100 }, (_, i) => String(i)).join("\n"));
    const sampled = describeTable(big, { sampleSize: 10, topK: 1 });
    expect(sampled).toMatchObject({ rowCount: 100, sampledRows: 10 });
    // Rows 0, 10, ..., 90: min 0, max 90, mean 45.
    expect(sampled.columns[0]).toMatchObject({ count: 10, min: 0, max: 90, mean: 45, distinct: 10 });
  });

  it("handles an empty table", () => {
    const empty = readCsv("a,b\n");
    expect(describeTable(empty).columns[0]).toMatchObject({ count: 0, missing: 0, missingFraction: 0, mean: null });
  });
});
