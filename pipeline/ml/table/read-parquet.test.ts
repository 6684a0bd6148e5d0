import { describe, expect, it } from "vitest";
import { writeParquetTestFile } from "../../testing/parquetTestFile";
import { readParquet } from "./read-parquet";
import { getColumn } from "./table";

describe("readParquet", () => {
  it("reads typed columns and nulls from a hand-written file", async () => {
    const bytes = writeParquetTestFile([
      { name: "id", type: "INT32", values: [1, 2, null, 4] },
      { name: "score", type: "DOUBLE", values: [0.5, null, 2.25, -1] },
      { name: "ok", type: "BOOLEAN", values: [true, false, null, true] },
      { name: "color", type: "UTF8", values: ["red", "blue", "red", null] },
      { name: "day", type: "DATE", values: [0, 1, null, 365] },
    ]);
    const table = await readParquet(bytes);
    expect(table.rowCount).toBe(4);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["score", "number"],
      ["ok", "boolean"],
      ["color", "category"],
      ["day", "date"],
    ]);
    const values = (name: string) => {
      const c = getColumn(table, name);
      return c.type === "category" || c.type === "text" ? c : [...c.values];
    };
    expect(values("id")).toEqual([1, 2, NaN, 4]);
    expect(values("score")).toEqual([0.5, NaN, 2.25, -1]);
    expect(values("ok")).toEqual([1, 0, NaN, 1]);
    expect(values("color")).toEqual({ name: "color", type: "category", levels: ["blue", "red"], codes: Int32Array.from([1, 0, 1, -1]) });
    expect(values("day")).toEqual([0, 86_400_000, NaN, 365 * 86_400_000]);
  });

  it("lets the caller override a schema type", async () => {
    const bytes = writeParquetTestFile([{ name: "code", type: "INT32", values: [3, 1, 3] }]);
    const table = await readParquet(bytes, { types: { code: "category" } });
    expect(table.columns[0]).toEqual({ name: "code", type: "category", levels: ["1", "3"], codes: Int32Array.from([1, 0, 1]) });
  });

  it("rejects bytes that are not Parquet", async () => {
    await expect(readParquet(new TextEncoder().encode("a,b\n1,2\n"))).rejects.toThrow("Not a readable Parquet file");
  });
});
