import { describe, expect, it } from "vitest";
import { readJson } from "./read-json";
import { getColumn } from "./table";

describe("readJson", () => {
  it("reads an array of objects, union of keys, absent keys missing", () => {
    const table = readJson('[{"a": 1, "b": "x"}, {"b": "y", "c": true}, {"a": 2.5, "c": null}]');
    expect(table.rowCount).toBe(3);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["a", "number"],
      ["b", "category"],
      ["c", "boolean"],
    ]);
    const a = getColumn(table, "a");
    expect(a.type === "number" && [...a.values]).toEqual([1, NaN, 2.5]);
    const c = getColumn(table, "c");
    expect(c.type === "boolean" && [...c.values]).toEqual([NaN, 1, NaN]);
    const b = getColumn(table, "b");
    expect(b.type === "category" && [...b.codes]).toEqual([0, 1, -1]);
  });

  it("reads JSON Lines, skipping blank lines, nested values as JSON text", () => {
    const text = '{"id": 1, "tags": ["a", "b"]}\n\n{"id": 2, "tags": {"k": 1}}\r\n';
    const table = readJson(new TextEncoder().encode(text), { types: { tags: "text" } });
    expect(table.rowCount).toBe(2);
    expect(getColumn(table, "tags")).toEqual({ name: "tags", type: "text", values: ['["a","b"]', '{"k":1}'] });
  });

  it("names the line of invalid JSON Lines and of non-object rows", () => {
    expect(() => readJson('{"a": 1}\n{"a": 2\n')).toThrow(/^Invalid JSON on line 2: /);
    expect(() => readJson('{"a": 1}\n\n[1]\n')).toThrow("Expected an object on line 3, found an array.");
    expect(() => readJson("[1, 2]")).toThrow("Expected an object on element 1, found 1.");
    expect(() => readJson('[{"a": 1}')).toThrow(/^Invalid JSON: /);
  });

  it("rejects an empty file and reports cast errors with the line", () => {
    expect(() => readJson("  \n")).toThrow("The JSON file is empty.");
    expect(() => readJson('{"n": 1}\n{"n": "many"}', { types: { n: "integer" } })).toThrow('Column "n": cannot read "many" on line 2 as an integer.');
  });
});
