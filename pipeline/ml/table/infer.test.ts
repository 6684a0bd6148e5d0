import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildColumn, inferColumn, inferColumnType } from "./infer";
import { readCsv } from "./read-csv";

describe("inferColumnType", () => {
  it("picks the narrowest type that reads every value", () => {
    expect(inferColumnType(["true", "FALSE", ""])).toBe("boolean");
    expect(inferColumnType(["1", "-2", "NA"])).toBe("integer");
    expect(inferColumnType(["1", "2.5", "?"])).toBe("number");
    expect(inferColumnType(["2020-01-01", "2021-06-30T12:00:00Z"])).toBe("date");
    expect(inferColumnType(["red", "blue", "red"])).toBe("category");
    expect(inferColumnType(["1", "x"])).toBe("category");
    expect(inferColumnType(["1234567890123456789", "2"])).toBe("category");
  });

  it("calls high-cardinality or long strings text", () => {
    const ids = Array.from({ length: 40 }, (_, i) => `id${i}`);
    expect(inferColumnType(ids)).toBe("text");
    const twoLevels = Array.from({ length: 40 }, (_, i) => (i % 2 ? "a" : "b"));
    expect(inferColumnType(twoLevels)).toBe("category");
    expect(inferColumnType(["x".repeat(60), "y".repeat(60)])).toBe("text");
    expect(inferColumnType(["a", "b", "c", "d"], { maxCategoryLevels: 3 })).toBe("text");
  });

  it("calls an all-missing column number (all NaN)", () => {
    expect(inferColumnType(["", "NA", "null"])).toBe("number");
    expect(inferColumnType([])).toBe("number");
  });
});

describe("inferColumn", () => {
  it("builds the same column as inferColumnType + buildColumn", () => {
    const cell = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.constantFrom("", "NA", " 7 ", "true", "x", "2020-01-01", "1e3", "-.5"),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), (values) => {
        expect(inferColumn("c", values)).toEqual(buildColumn("c", values, inferColumnType(values)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("buildColumn", () => {
  it("codes categories with sorted levels and -1 for missing", () => {
    const column = buildColumn("c", ["b", "a", "", "b", " c "], "category");
    expect(column).toEqual({ name: "c", type: "category", levels: ["a", "b", "c"], codes: Int32Array.from([1, 0, -1, 1, 2]) });
  });

  it("keeps text verbatim and nulls missing values", () => {
    expect(buildColumn("t", [" hi ", "NA"], "text")).toEqual({ name: "t", type: "text", values: [" hi ", null] });
  });

  it("reads loose booleans when a boolean type is chosen", () => {
    const column = buildColumn("b", ["yes", "n", "1", ""], "boolean");
    expect(column.type === "boolean" && [...column.values]).toEqual([1, 0, 1, NaN]);
  });

  it("names column, location and value when a value cannot be cast", () => {
    expect(() => buildColumn("age", ["1", "two"], "number", (r) => `line ${r + 2}`)).toThrow('Column "age": cannot read "two" on line 3 as a number.');
    expect(() => buildColumn("n", ["1.5"], "integer")).toThrow('Column "n": cannot read "1.5" on row 1 as an integer.');
    expect(() => buildColumn("d", ["2020-13-01"], "date")).toThrow("as an ISO 8601 date");
  });
});

describe("readCsv", () => {
  it("infers types and reports casting errors with the file's line", () => {
    const text = 'id,score,note\n1,0.5,"multi\nline"\n2,abc,x\n';
    expect(readCsv(text).columns.map((c) => c.type)).toEqual(["integer", "category", "category"]);
    expect(() => readCsv(text, { types: { score: "number" } })).toThrow('Column "score": cannot read "abc" on line 4 as a number.');
  });

  it("rejects type overrides for unknown columns or types", () => {
    expect(() => readCsv("a\n1", { types: { b: "number" } })).toThrow('Type given for unknown column "b"');
    expect(() => readCsv("a\n1", { types: { a: "float" as "number" } })).toThrow('Unknown type "float"');
  });

  it("casts integers to category on request", () => {
    const table = readCsv("digit\n3\n1\n3\n", { types: { digit: "category" } });
    expect(table.columns[0]).toEqual({ name: "digit", type: "category", levels: ["1", "3"], codes: Int32Array.from([1, 0, 1]) });
  });
});
