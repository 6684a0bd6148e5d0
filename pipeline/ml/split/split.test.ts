import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "../table/read-csv";
import { getColumn, type Table } from "../table/table";
import { takeRows } from "../table/take-rows";
import { assignmentLetters, SPLIT_FIXTURE_CASES, SPLIT_FIXTURE_TYPES, splitFixtureCsv } from "../../testing/splitFixture";
import { ROW_HASHES } from "./row-hash";
import { allocate, splitRows, type SplitIndices } from "./split";

const iris = readCsv(readFileSync(new URL("../../../public/datasets/iris.csv", import.meta.url)));

function assignment(split: SplitIndices, rowCount: number): string[] {
  const out = new Array<string>(rowCount).fill("");
  for (const name of ["train", "validation", "test"] as const) for (const r of split[name]) out[r] = name;
  return out;
}

function classCounts(table: Table, rows: Int32Array): number[] {
  const species = getColumn(table, "species");
  if (species.type !== "category") throw new Error("species should be a category");
  const counts = new Array<number>(species.levels.length).fill(0);
  for (const r of rows) counts[species.codes[r]!]!++;
  return counts;
}

describe("allocate", () => {
  it("rounds by largest remainder", () => {
    // 150 × (0.7, 0.15, 0.15) = 105, 22.5, 22.5: the spare row goes to the first tie.
    expect(allocate(150, [0.7, 0.15, 0.15])).toEqual([105, 23, 22]);
    expect(allocate(50, [0.7, 0.15, 0.15])).toEqual([35, 8, 7]);
    expect(allocate(10, [0.8, 0, 0.2])).toEqual([8, 0, 2]);
  });
});

describe("splitRows", () => {
  const params = { train: 0.7, validation: 0.15, test: 0.15, seed: 1 };

  it("partitions every row exactly once with exact sizes", () => {
    const split = splitRows(iris, params);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([105, 23, 22]);
    const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect([...split.train]).toEqual([...split.train].sort((a, b) => a - b));
  });

  it("is deterministic and changes with the seed", () => {
    const a = assignment(splitRows(iris, params), 150);
    expect(assignment(splitRows(iris, params), 150)).toEqual(a);
    const b = assignment(splitRows(iris, { ...params, seed: 2 }), 150);
    const differing = a.filter((name, r) => name !== b[r]).length;
    expect(differing).toBeGreaterThan(20);
  });

  it.each(["exact", "threshold"] as const)("puts the same row in the same split whatever the row order (%s)", (mode) => {
    const reversed = takeRows(
      iris,
      Array.from({ length: 150 }, (_, i) => 149 - i),
    );
    const a = assignment(splitRows(iris, { ...params, assignment: mode }), 150);
    const b = assignment(splitRows(reversed, { ...params, assignment: mode }), 150);
    expect(b.reverse()).toEqual(a);
  });

  it("with threshold assignment, keeps each row's split when the table grows", () => {
    const first = takeRows(
      iris,
      Array.from({ length: 100 }, (_, i) => i),
    );
    const a = assignment(splitRows(first, { ...params, assignment: "threshold" }), 100);
    const b = assignment(splitRows(iris, { ...params, assignment: "threshold" }), 150);
    expect(b.slice(0, 100)).toEqual(a);
  });

  it("keeps class proportions within one row when stratified", () => {
    const split = splitRows(iris, { ...params, stratify: "species" });
    // 50 per class × (0.7, 0.15, 0.15) = 35, 7.5, 7.5.
    for (const [name, ideal] of [
      ["train", 35],
      ["validation", 7.5],
      ["test", 7.5],
    ] as const) {
      for (const count of classCounts(iris, split[name])) expect(Math.abs(count - ideal)).toBeLessThanOrEqual(1);
    }
    expect(classCounts(iris, split.train)).toEqual([35, 35, 35]);
  });

  it("keeps rows sharing a key together", () => {
    const text = "user,v\n" + Array.from({ length: 60 }, (_, i) => `u${i % 12},${i}`).join("\n");
    const table = readCsv(text);
    const names = assignment(splitRows(table, { train: 0.5, test: 0.5, key: "user" }), 60);
    for (let r = 12; r < 60; r++) expect(names[r]).toBe(names[r % 12]);
  });

  it("explains when a class has too few rows", () => {
    const text = "label,x\n" + [...Array(20).fill("common"), "rare", "rare"].map((l, i) => `${l},${i}`).join("\n");
    const table = readCsv(text);
    // 5 rows is the least that gives 0.7/0.15/0.15 a row each: 3.5, 0.75, 0.75 → 3, 1, 1.
    expect(() => splitRows(table, { ...params, stratify: "label" })).toThrow(
      'Class "rare" of column "label" has only 2 rows; a train 0.7 / validation 0.15 / test 0.15 split needs at least 5 per class.',
    );
    expect(() => splitRows(takeRows(table, [0, 1]), params)).toThrow("The table has only 2 rows");
  });

  it.each(SPLIT_FIXTURE_CASES)("gives the stored assignment: $name", ({ params: caseParams, expected }) => {
    const table = readCsv(splitFixtureCsv(), { types: SPLIT_FIXTURE_TYPES });
    expect(assignmentLetters(splitRows(table, caseParams), table.rowCount)).toBe(expected);
  });

  it.each(ROW_HASHES)("never cuts identical rows apart (%s hash)", (hash) => {
    const table = readCsv(splitFixtureCsv(), { types: SPLIT_FIXTURE_TYPES });
    for (const cut of [
      { train: 0.7, validation: 0.15, test: 0.15 },
      { train: 0.5, validation: 0, test: 0.5, stratify: "label" },
    ]) {
      const letters = assignmentLetters(splitRows(table, { ...cut, seed: 9, hash }), table.rowCount);
      // Rows 49, 99, … repeat the row before them (see splitFixtureCsv).
      for (let r = 49; r < table.rowCount; r += 50) expect(letters[r]).toBe(letters[r - 1]);
    }
  });

  it("validates its parameters", () => {
    expect(() => splitRows(iris, { train: 0.5, test: 0.3 })).toThrow("must add up to 1");
    expect(() => splitRows(iris, { train: 0.8, test: 0.2, stratify: "species", assignment: "threshold" })).toThrow('stratify needs assignment "exact"');
    expect(() => splitRows(iris, { train: 0.8, test: 0.2, stratify: "nope" })).toThrow('Unknown column "nope"');
  });
});
