import { describe, expect, it } from "vitest";
import { readCsv } from "../table/read-csv";
import { assertValid, summarizeValidation, validateTable } from "./validate";

const table = readCsv(
  ["id,age,species,day", "1,34,cat,2020-01-05", "2,NA,dog,2020-02-01", "2,150,cat,2021-06-01", "4,-3,emu,NA", "5,40,NA,2020-03-01"].join("\n"),
);

describe("validateTable", () => {
  it("counts failing rows and shows examples per expectation", () => {
    const report = validateTable(table, [
      { kind: "notNull", column: "age" },
      { kind: "range", column: "age", min: 0, max: 120 },
      { kind: "unique", column: "id" },
      { kind: "allowedValues", column: "species", values: ["cat", "dog"] },
      { kind: "range", column: "day", min: "2020-01-01", max: "2020-12-31" },
      { kind: "rowCount", min: 1, max: 10 },
    ]);
    expect(report.passed).toBe(false);
    expect(report.results.map((r) => [r.passed, r.failingRows])).toEqual([
      [false, 1],
      [false, 2],
      [false, 2],
      [false, 1],
      [false, 1],
      [true, 0],
    ]);
    expect(report.results[1]!.examples).toEqual([
      { row: 2, value: "150" },
      { row: 3, value: "-3" },
    ]);
    expect(report.results[2]!.examples.map((e) => e.row)).toEqual([1, 2]);
    expect(report.results[3]!.message).toBe('column "species" only holds "cat", "dog": 1 row fail (row 4: "emu")');
    expect(report.results[4]!.examples).toEqual([{ row: 2, value: "2021-06-01" }]);
  });

  it("passes a clean table and fails unknown columns without throwing", () => {
    const ok = validateTable(table, [
      { kind: "notNull", column: "id" },
      { kind: "rowCount", min: 5, max: 5 },
    ]);
    expect(ok.passed).toBe(true);
    expect(summarizeValidation(ok)).toBe("All 2 expectations passed.");
    const missing = validateTable(table, [{ kind: "notNull", column: "weight" }]);
    expect(missing.results[0]).toMatchObject({ passed: false, message: 'column "weight" does not exist' });
  });

  it("summarises failures in the thrown error", () => {
    expect(() =>
      assertValid(table, [
        { kind: "notNull", column: "age" },
        { kind: "rowCount", max: 3 },
      ]),
    ).toThrow('2 of 2 expectations failed: column "age" has no missing values: 1 row fail (row 2: missing); row count at most 3: found 5.');
  });

  it("rejects malformed expectations and meaningless bounds", () => {
    expect(() => validateTable(table, [{ kind: "between" } as never])).toThrow("Invalid expectations");
    expect(() => validateTable(table, [{ kind: "range", column: "age", min: "young" }])).toThrow('Range min "young" for column "age" must be a number.');
    expect(validateTable(table, [{ kind: "range", column: "species", max: 3 }]).results[0]!.message).toBe(
      'column "species" is category; a range needs a numeric or date column',
    );
  });
});
