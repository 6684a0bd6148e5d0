import { describe, expect, it } from "vitest";
import { readCsv } from "../table/read-csv";
import { getColumn, type Table } from "../table/table";
import { applyEncode, fitEncode } from "./encode";
import { applyFitted, applyFittedChain, type FittedState } from "./fitted-transforms";
import { applyImpute, fitImpute } from "./impute";
import { applyOutliers, fitOutliers } from "./outliers";
import { applyScale, fitScale } from "./scale";
import { applyTextNormalize, fitTextNormalize } from "./text-normalize";

// x present values 1, 2, 4, 10: mean 17/4 = 4.25, median (2+4)/2 = 3,
// population variance (3.25² + 2.25² + 0.25² + 5.75²)/4 = 48.75/4 = 12.1875.
const train = readCsv("x,n,c,t\n1,1,a,Hello World!\n2,2,b,x\nNA,3,b,NA\n4,4,NA,x\n10,5,c,x\n", {
  types: { t: "text" },
});

function numbers(table: Table, name: string): number[] {
  const column = getColumn(table, name);
  if (column.type === "category" || column.type === "text") throw new Error(`${name} is not numeric`);
  return [...column.values];
}

/** States must survive JSON, since they are stored with the model. */
function viaJson<T>(state: T): T {
  return JSON.parse(JSON.stringify(state)) as T;
}

describe("impute", () => {
  it("learns mean, median and mode", () => {
    expect(fitImpute(train, { strategy: "mean", columns: ["x"] }).fills).toEqual([{ column: "x", value: 4.25 }]);
    expect(fitImpute(train, { strategy: "median", columns: ["x"] }).fills).toEqual([{ column: "x", value: 3 }]);
    expect(fitImpute(train, { strategy: "mode", columns: ["x", "c"] }).fills).toEqual([
      { column: "x", value: 1 },
      { column: "c", value: "b" },
    ]);
  });

  it("picks numeric columns by default and fills from the fitted values", () => {
    const state = viaJson(fitImpute(train, { strategy: "mean" }));
    expect(state.fills.map((f) => f.column)).toEqual(["x", "n"]);
    const other = readCsv("x,n,c,t\nNA,NA,a,q\n");
    expect(numbers(applyImpute(state, other), "x")).toEqual([4.25]);
    expect(numbers(applyImpute(state, other), "n")).toEqual([3]);
  });

  it("widens an integer column filled with a fraction and adds a category level", () => {
    const table = readCsv("k,c\n1,a\n2,NA\nNA,a\n");
    const out = applyImpute(fitImpute(table, { strategy: "mean", columns: ["k"] }), table);
    expect(getColumn(out, "k")).toEqual({ name: "k", type: "number", values: Float64Array.from([1, 2, 1.5]) });
    const constant = applyImpute(fitImpute(table, { strategy: "constant", value: "unknown" }), table);
    expect(getColumn(constant, "c")).toEqual({ name: "c", type: "category", levels: ["a", "unknown"], codes: Int32Array.from([0, 1, 0]) });
  });

  it("reports unusable requests clearly", () => {
    expect(() => fitImpute(train, { strategy: "mean", columns: ["c"] })).toThrow('Column "c" is category; this step needs a numeric column.');
    expect(() => fitImpute(train, { strategy: "constant" })).toThrow("needs a value");
    const empty = readCsv("e,x\n,1\nNA,2\n");
    expect(() => fitImpute(empty, { strategy: "mean", columns: ["e"] })).toThrow('Column "e" has no values to compute a mean from.');
    expect(fitImpute(empty, { strategy: "mean" }).fills).toEqual([{ column: "x", value: 1.5 }]);
    expect(() => applyImpute({ kind: "impute", strategy: "mean", fills: [{ column: "gone", value: 1 }] }, train)).toThrow('Unknown column "gone"');
  });
});

describe("scale", () => {
  it("standardises with the population std", () => {
    const state = fitScale(train, { method: "standard", columns: ["x"] });
    expect(state.columns[0]!.offset).toBe(4.25);
    expect(state.columns[0]!.scale).toBeCloseTo(Math.sqrt(12.1875), 12);
    const out = numbers(applyScale(viaJson(state), train), "x");
    const std = Math.sqrt(12.1875);
    expect(out[0]).toBeCloseTo(-3.25 / std, 12);
    expect(out[2]).toBeNaN();
    expect(out[4]).toBeCloseTo(5.75 / std, 12);
  });

  it("min-max scales into [0, 1] and leaves constant columns at 0", () => {
    const state = fitScale(train, { method: "minmax" });
    expect(state.columns).toEqual([
      { column: "x", offset: 1, scale: 9 },
      { column: "n", offset: 1, scale: 4 },
    ]);
    expect(numbers(applyScale(state, train), "n")).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const constant = readCsv("k\n5\n5\n");
    const k = fitScale(constant, { method: "standard" });
    expect(k.columns).toEqual([{ column: "k", offset: 5, scale: 1 }]);
    expect(numbers(applyScale(k, constant), "k")).toEqual([0, 0]);
  });
});

describe("encode", () => {
  it("one-hot encodes in place; unseen and missing give all zeros", () => {
    const state = viaJson(fitEncode(train, { method: "onehot" }));
    expect(state.columns).toEqual([{ column: "c", levels: ["a", "b", "c"] }]);
    const test = readCsv("x,n,c,t\n1,1,c,x\n1,1,zebra,x\n1,1,NA,x\n");
    const out = applyEncode(state, test);
    expect(out.columns.map((c) => c.name)).toEqual(["x", "n", "c=a", "c=b", "c=c", "t"]);
    expect([numbers(out, "c=a"), numbers(out, "c=b"), numbers(out, "c=c")]).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });

  it("ordinal-encodes by text, whatever the applied table's level order", () => {
    const state = fitEncode(train, { method: "ordinal", columns: ["c", "t"] });
    expect(state.columns[1]).toEqual({ column: "t", levels: ["Hello World!", "x"] });
    // Here "c" is the only level, so its code is 0 in this table but 2 in the fitted levels.
    const test = readCsv("x,n,c,t\n1,1,c,x\n1,1,c,new\n1,1,c,NA\n", { types: { t: "text" } });
    const out = applyEncode(state, test);
    expect(getColumn(out, "c")).toEqual({ name: "c", type: "integer", values: Float64Array.from([2, 2, 2]) });
    expect(numbers(out, "t")).toEqual([1, -1, NaN]);
  });
});

describe("outliers", () => {
  // Quartiles of 1, 2, 4, 10 (linear): Q1 = 1 + 0.75·1 = 1.75, Q3 = 4 + 0.25·6 = 5.5, IQR 3.75.
  it("learns IQR bounds and drops rows outside them, keeping missing values", () => {
    const state = fitOutliers(train, { method: "iqr", columns: ["x"] });
    expect(state.bounds).toEqual([{ column: "x", lower: 1.75 - 1.5 * 3.75, upper: 5.5 + 1.5 * 3.75 }]);
    const tight = fitOutliers(train, { method: "iqr", columns: ["x"], threshold: 0.5 });
    expect(tight.bounds[0]).toEqual({ column: "x", lower: -0.125, upper: 7.375 });
    expect(numbers(applyOutliers(viaJson(tight), train), "x")).toEqual([1, 2, NaN, 4]);
  });

  it("learns z-score bounds and can clip instead of dropping", () => {
    const state = fitOutliers(train, { method: "zscore", columns: ["x"], threshold: 1, action: "clip" });
    const std = Math.sqrt(12.1875);
    expect(state.bounds[0]!.lower).toBeCloseTo(4.25 - std, 12);
    expect(state.bounds[0]!.upper).toBeCloseTo(4.25 + std, 12);
    const clipped = applyOutliers(state, train);
    expect(clipped.rowCount).toBe(5);
    // Bounds 4.25 ± 3.491: only 10 lies outside.
    const x = numbers(clipped, "x");
    expect(x.slice(0, 4)).toEqual([1, 2, NaN, 4]);
    expect(x[4]).toBeCloseTo(4.25 + std, 12);
    expect(getColumn(clipped, "x").type).toBe("number");
  });
});

describe("text normalisation", () => {
  it("lowercases, replaces punctuation by spaces and collapses whitespace", () => {
    const state = viaJson(fitTextNormalize(train, {}));
    expect(state.columns).toEqual(["t"]);
    const table = readCsv('t\n"  Don\'t   STOP, me-now!! "\nend.Start\n', { types: { t: "text" } });
    expect(getColumn(applyTextNormalize(state, table), "t")).toEqual({ name: "t", type: "text", values: ["don t stop me now", "end start"] });
  });

  it("merges category levels that normalise to the same text", () => {
    const table = readCsv("c\nYes\nyes!\nNo\nNA\n", { types: { c: "category" } });
    const out = applyTextNormalize(fitTextNormalize(table, { columns: ["c"] }), table);
    expect(getColumn(out, "c")).toEqual({ name: "c", type: "category", levels: ["no", "yes"], codes: Int32Array.from([1, 1, 0, -1]) });
  });
});

describe("fitted transform chain", () => {
  it("replays JSON-stored states in order on new rows", () => {
    const impute = fitImpute(train, { strategy: "median", columns: ["x"] });
    const imputed = applyImpute(impute, train);
    const scale = fitScale(imputed, { method: "minmax", columns: ["x"] });
    const stored = JSON.parse(JSON.stringify([impute, scale])) as FittedState[];
    const rows = readCsv("x,n,c,t\nNA,1,a,x\n5.5,1,a,x\n");
    // NA → median 3 → (3 − 1) / 9; 5.5 → (5.5 − 1) / 9 = 0.5.
    expect(numbers(applyFittedChain(stored, rows), "x")).toEqual([2 / 9, 0.5]);
  });

  it("rejects a malformed state", () => {
    expect(() => applyFitted({ kind: "scale", method: "standard" } as unknown as FittedState, train)).toThrow();
  });
});
