import { describe, expect, it } from "vitest";
import type { CategoryColumn, Table } from "../table/table";
import { diverseTopK, rankByScore, topK } from "./batchSelection";
import { diversityPoints } from "./diversityFeatures";
import { kMeans } from "./kMeans";
import { rowKeys } from "./rowKeys";
import { entropyScore, leastConfidentScore, marginScore, uncertaintyScores } from "./uncertaintyScores";

const rows = (...probabilities: number[][]) => ({ values: probabilities.flat(), width: probabilities[0]!.length });

describe("uncertainty scores", () => {
  it("match hand-computed values for p = [0.5, 0.3, 0.2]", () => {
    const p = rows([0.5, 0.3, 0.2]);
    expect(leastConfidentScore(p, 0)).toBeCloseTo(1 - 0.5, 12);
    expect(marginScore(p, 0)).toBeCloseTo(1 - (0.5 - 0.3), 12);
    // −(0.5 ln 0.5 + 0.3 ln 0.3 + 0.2 ln 0.2) = 0.34657 + 0.36119 + 0.32189
    expect(entropyScore(p, 0)).toBeCloseTo(1.02965, 5);
  });

  it("give a certain row the lowest score and a coin flip the highest", () => {
    const p = rows([1, 0], [0.5, 0.5], [0.9, 0.1]);
    expect(Array.from(uncertaintyScores("least-confident", p, 3, 0))).toEqual([0, 0.5, expect.closeTo(0.1, 12)]);
    expect(Array.from(uncertaintyScores("margin", p, 3, 0))).toEqual([0, 1, expect.closeTo(0.2, 12)]);
    // ln 2 for the coin flip; −(0.9 ln 0.9 + 0.1 ln 0.1) = 0.09482 + 0.23026
    expect(Array.from(uncertaintyScores("entropy", p, 3, 0))).toEqual([0, expect.closeTo(Math.LN2, 12), expect.closeTo(0.32508, 5)]);
  });

  it("read the runner-up of a row wherever it sits, and a one-class model as certain", () => {
    expect(marginScore(rows([0.1, 0.2, 0.7]), 0)).toBeCloseTo(1 - (0.7 - 0.2), 12);
    expect(marginScore(rows([0.4, 0.4, 0.2]), 0)).toBe(1);
    expect(marginScore(rows([1]), 0)).toBe(0);
  });

  it("draw the random baseline from the seed: same seed same scores, another seed others", () => {
    const p = rows([0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5]);
    const first = uncertaintyScores("random", p, 4, 7);
    expect(uncertaintyScores("random", p, 4, 7)).toEqual(first);
    expect(uncertaintyScores("random", p, 4, 8)).not.toEqual(first);
    expect(first.every((s) => s >= 0 && s < 1)).toBe(true);
  });
});

describe("batch selection", () => {
  it("takes the highest scores and breaks ties by row, whatever the candidates' order", () => {
    const scores = [0.2, 0.9, 0.5, 0.9, 0.5, 0.1];
    expect(rankByScore(scores, [5, 4, 3, 2, 1, 0])).toEqual([1, 3, 2, 4, 0, 5]);
    expect(topK(scores, [0, 1, 2, 3, 4, 5], 3)).toEqual([1, 3, 2]);
    expect(topK(scores, [0, 2, 4, 5], 3)).toEqual([2, 4, 0]);
    expect(topK(scores, [0], 3)).toEqual([0]);
  });

  // Two tight groups of points; the three most uncertain rows all sit in group A.
  const groups: Table = {
    rowCount: 8,
    columns: [
      { name: "x", type: "number", values: Float64Array.from([0, 0.1, 0.2, 0.3, 10, 10.1, 10.2, 10.3]) },
      { name: "y", type: "number", values: Float64Array.from([0, 0.1, 0, 0.1, 10, 10, 10.1, 10.1]) },
    ],
  };
  const scores = [0.99, 0.98, 0.97, 0.5, 0.8, 0.7, 0.4, 0.3];
  const all = [0, 1, 2, 3, 4, 5, 6, 7];

  it("spreads a diverse batch over clusters: the best of each group instead of the top two of one", () => {
    const features = (picked: readonly number[]) => diversityPoints(groups, ["x", "y"], picked);
    expect(topK(scores, all, 2)).toEqual([0, 1]);
    expect(diverseTopK(scores, all, 2, features, 1)).toEqual([0, 4]);
    for (const seed of [2, 3, 4]) expect(diverseTopK(scores, all, 2, features, seed)).toEqual([0, 4]);
  });

  it("makes up clusters left empty by duplicate rows with the next best rows", () => {
    const same: Table = { rowCount: 6, columns: [{ name: "x", type: "number", values: new Float64Array(6) }] };
    const features = (picked: readonly number[]) => diversityPoints(same, ["x"], picked);
    expect(diverseTopK([0.1, 0.6, 0.3, 0.9, 0.2, 0.4], [0, 1, 2, 3, 4, 5], 3, features, 1)).toEqual([3, 1, 5]);
  });

  it("clusters deterministically for a seed", () => {
    const points = diversityPoints(groups, ["x", "y"], all);
    expect(Array.from(kMeans(points, 2, 5))).toEqual(Array.from(kMeans(points, 2, 5)));
    const clusters = kMeans(points, 2, 5);
    expect(new Set(clusters.slice(0, 4)).size).toBe(1);
    expect(new Set(clusters.slice(4)).size).toBe(1);
    expect(clusters[0]).not.toBe(clusters[4]);
  });
});

describe("diversity features", () => {
  it("standardise numbers, one-hot categories and hash words into unit-length buckets", () => {
    const table: Table = {
      rowCount: 3,
      columns: [
        { name: "n", type: "number", values: Float64Array.from([1, 3, NaN]) },
        { name: "c", type: "category", codes: Int32Array.from([1, -1, 0]), levels: ["a", "b"] },
        { name: "t", type: "text", values: ["tasty tasty", null, "bland"] },
      ],
    };
    const points = diversityPoints(table, ["n", "c", "t"], [0, 1, 2]);
    expect(points.dims).toBe(1 + 2 + 64);
    const row = (i: number) => Array.from(points.data.subarray(i * points.dims, (i + 1) * points.dims));
    // Mean 2 and standard deviation 1 over the present values; the missing one sits at the mean.
    expect(row(0).slice(0, 3)).toEqual([-1, 0, 1]);
    expect(row(1).slice(0, 3)).toEqual([1, 0, 0]);
    expect(row(2).slice(0, 3)).toEqual([0, 1, 0]);
    expect(
      row(0)
        .slice(3)
        .filter((v) => v !== 0),
    ).toEqual([1]);
    expect(
      row(1)
        .slice(3)
        .every((v) => v === 0),
    ).toBe(true);
  });
});

describe("row keys", () => {
  const table: Table = {
    rowCount: 3,
    columns: [
      { name: "id", type: "text", values: ["a-1", null, "a-3"] },
      { name: "amount", type: "number", values: Float64Array.from([5, 5, 7]) },
      { name: "label", type: "category", codes: Int32Array.from([-1, 0, -1]), levels: ["good"] },
    ],
  };

  it("use the key column's value, and none for a blank key", () => {
    expect(rowKeys(table, { keyColumn: "id" })).toEqual(["a-1", null, "a-3"]);
  });

  it("hash the row's cells into 16 hex digits, ignoring the target so labelling a row keeps its key", () => {
    const keys = rowKeys(table, { ignore: ["label"] });
    expect(keys.every((key) => /^[0-9a-f]{16}$/.test(key!))).toBe(true);
    expect(new Set(keys).size).toBe(3);
    const filledIn: CategoryColumn = { name: "label", type: "category", codes: Int32Array.from([0, 0, 0]), levels: ["good"] };
    const labelled: Table = { ...table, columns: [table.columns[0]!, table.columns[1]!, filledIn] };
    expect(rowKeys(labelled, { ignore: ["label"] })).toEqual(keys);
    expect(rowKeys(labelled, {})).not.toEqual(keys);
  });
});
