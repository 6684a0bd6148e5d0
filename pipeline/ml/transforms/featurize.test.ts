import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitRows } from "../split/split";
import { readCsv } from "../table/read-csv";
import { takeRows } from "../table/take-rows";
import { featurize, fitFeaturizer } from "./featurize";

const train = readCsv("size,color,note,flag,label\n1,red,aa,true,yes\nNA,blue,bb,false,no\n3,red,cc,NA,yes\n", {
  types: { note: "text" },
});

function matrix(f: { X: { data: Float32Array; rows: number; cols: number } }): number[][] {
  return Array.from({ length: f.X.rows }, (_, r) => [...f.X.data.subarray(r * f.X.cols, (r + 1) * f.X.cols)]);
}

describe("featurizer", () => {
  it("one-hot encodes categories, imputes the training mean, leaves text out", () => {
    const state = JSON.parse(JSON.stringify(fitFeaturizer(train, { target: "label" })));
    expect(state.featureNames).toEqual(["size", "color=blue", "color=red", "flag"]);
    const f = featurize(state, train);
    // size mean over 1 and 3 = 2; flag mean over 1 and 0 = 0.5.
    expect(matrix(f)).toEqual([
      [1, 0, 1, 1],
      [2, 1, 0, 0],
      [3, 0, 1, 0.5],
    ]);
    expect(f.classes).toEqual(["no", "yes"]);
    expect([...(f.y ?? [])]).toEqual([1, 0, 1]);
    expect(f.y).toBeInstanceOf(Int32Array);
  });

  it("applies training levels and means to new rows; unseen levels are zeros, unseen classes -1", () => {
    const state = fitFeaturizer(train, { target: "label" });
    const test = readCsv("size,color,note,flag,label\nNA,green,zz,true,maybe\n5,blue,zz,false,NA\n");
    const f = featurize(state, test);
    // The second row has no label, so it is left out.
    expect([...f.rowIndices]).toEqual([0]);
    expect(matrix(f)).toEqual([[2, 0, 0, 1]]);
    expect([...(f.y ?? [])]).toEqual([-1]);
  });

  it("serves prediction rows without a target column", () => {
    const state = fitFeaturizer(train, { target: "label" });
    const rows = readCsv("color,size,flag\nblue,4,true\n");
    const f = featurize(state, rows);
    expect(matrix(f)).toEqual([[4, 1, 0, 1]]);
    expect(f.y).toBeUndefined();
    expect(f.classes).toEqual(["no", "yes"]);
  });

  it("chooses the task from the target and reports bad feature choices", () => {
    const digits = readCsv("px,digit\n1,3\n2,1\n3,3\n");
    const f = featurize(fitFeaturizer(digits, { target: "digit" }), digits);
    expect(f.classes).toEqual(["1", "3"]);
    expect([...(f.y ?? [])]).toEqual([1, 0, 1]);
    const reg = featurize(fitFeaturizer(digits, { target: "digit", task: "regression" }), digits);
    expect(reg.y).toEqual(Float64Array.from([3, 1, 3]));
    expect(() => fitFeaturizer(train, { target: "label", features: ["note"] })).toThrow('Column "note" is text');
    expect(() => fitFeaturizer(train, { target: "label", task: "regression" })).toThrow("regression needs a numeric target");
    expect(() => fitFeaturizer(train, { target: "nope" })).toThrow('Unknown column "nope"');
  });

  it("fits on the training split only (penguins)", () => {
    const penguins = readCsv(readFileSync(new URL("../../../public/datasets/penguins.csv", import.meta.url)));
    const split = splitRows(penguins, { train: 0.8, test: 0.2, seed: 3, stratify: "species" });
    const trainRows = takeRows(penguins, split.train);
    const state = fitFeaturizer(trainRows, { target: "species" });
    // Independent check of the bill-length fill: mean of the training rows' present values.
    const bill = trainRows.columns.find((c) => c.name === "bill_length_mm");
    const present = bill && bill.type === "number" ? [...bill.values].filter((v) => !Number.isNaN(v)) : [];
    const expectedFill = present.reduce((a, b) => a + b, 0) / present.length;
    const fill = state.features.find((f) => f.column === "bill_length_mm");
    expect(fill?.encoding === "numeric" && fill.fill).toBeCloseTo(expectedFill, 10);
    const test = featurize(state, takeRows(penguins, split.test));
    expect(test.X.cols).toBe(state.featureNames.length);
    expect(test.X.rows).toBe(split.test.length);
    expect(test.classes).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
    expect(Array.from(test.X.data).every(Number.isFinite)).toBe(true);
  });
});
