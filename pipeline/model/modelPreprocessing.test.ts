import { describe, expect, it } from "vitest";
import type { Table } from "../ml/table/table";
import { applyPreprocessing, fitPreprocessing } from "./modelPreprocessing";

/** x = 1, 2, 3, missing (filled with the mean 2); c = a, b, a, missing (one-hot a, b; missing is all zeros). */
const table: Table = {
  rowCount: 4,
  columns: [
    { name: "x", type: "number", values: Float64Array.of(1, 2, 3, NaN) },
    { name: "c", type: "category", codes: Int32Array.of(0, 1, 0, -1), levels: ["a", "b"] },
    { name: "y", type: "category", codes: Int32Array.of(0, 1, 0, 1), levels: ["no", "yes"] },
  ],
};

const rowsOf = (X: { data: Float32Array; cols: number }) =>
  Array.from({ length: X.data.length / X.cols }, (_, r) => Array.from(X.data.subarray(r * X.cols, (r + 1) * X.cols)));

describe("model preprocessing: standardisation", () => {
  // x: mean 2, population std √0.5, so 1, 2, 3, 2 → −√2, 0, √2, 0.
  const x = [-Math.SQRT2, 0, Math.SQRT2, 0];

  it("scales every column by default, one-hot columns included (c=a: mean 0.5, std 0.5; c=b: mean 0.25, std √0.1875)", () => {
    const { rows } = fitPreprocessing(table, { target: "y", standardize: true });
    const b = (v: number) => (v - 0.25) / Math.sqrt(0.1875);
    const expected = [
      [x[0]!, 1, b(0)],
      [x[1]!, -1, b(1)],
      [x[2]!, 1, b(0)],
      [x[3]!, -1, b(0)],
    ];
    rowsOf(rows.X).forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r]![c]!, 5)));
  });

  it("numericOnly leaves one-hot columns 0/1, in training and when the stored state is replayed", () => {
    const { state, rows } = fitPreprocessing(table, { target: "y", standardize: true, numericOnly: true });
    expect(state.standardize).toMatchObject({ mean: [2, 0, 0], std: [Math.sqrt(0.5), 1, 1] });
    const expected = [
      [x[0]!, 1, 0],
      [x[1]!, 0, 1],
      [x[2]!, 1, 0],
      [x[3]!, 0, 0],
    ];
    for (const X of [rows.X, applyPreprocessing(state, table).X])
      rowsOf(X).forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r]![c]!, 5)));
  });
});
