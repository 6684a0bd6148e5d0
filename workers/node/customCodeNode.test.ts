import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cellValue } from "@/pipeline/ml/table/cell-values";
import { getColumn, type Table } from "@/pipeline/ml/table/table";
import { inMemoryDatasets } from "@/pipeline/runtime/datasets";
import { runSpec } from "@/pipeline/runtime/runSpec";
import { compileGraph } from "@/pipeline/compiler/compile";
import { catalog } from "@/pipeline/nodes/catalog";
// The engine's nodes run against the real sandbox the server workers use.
import { ProcessSandbox } from "./processSandbox";

const datasets = inMemoryDatasets({ "iris.csv": readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8") });
const sandbox = new ProcessSandbox();

function spec(params: Record<string, unknown>) {
  const result = compileGraph(
    {
      nodes: [
        { id: "load", kind: "load", params: { dataset: "iris.csv" } },
        { id: "code", kind: "custom-code", params },
      ],
      edges: [{ source: "load", sourceHandle: "table", target: "code", targetHandle: "table" }],
    },
    catalog,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.spec;
}

async function output(params: Record<string, unknown>): Promise<Table> {
  const result = await runSpec(spec(params), { datasets, expressionSandbox: sandbox });
  if (result.status !== "succeeded") throw new Error(result.error?.message);
  return result.artifacts["code"]!["table"]!.value as Table;
}

async function failure(params: Record<string, unknown>, withSandbox = true): Promise<string> {
  const result = await runSpec(spec(params), { datasets, ...(withSandbox ? { expressionSandbox: sandbox } : {}) });
  expect(result.status).toBe("failed");
  expect(result.error?.nodeId).toBe("code");
  return result.error!.message;
}

const column = (table: Table, name: string) => Array.from({ length: table.rowCount }, (_, r) => cellValue(getColumn(table, name), r));

describe("custom code node (server sandbox)", () => {
  it("adds a derived column and filters rows on iris, keeping the column types", async () => {
    const code = `// from a notebook cell
function cleanRows(table) {
  return table
    .rows()
    .filter((row) => row.species !== "setosa")
    .map((row) => ({ ...row, petal_ratio: row.petal_length_cm / row.petal_width_cm }));
}`;
    const table = await output({ code, functionName: "cleanRows" });
    expect(table.rowCount).toBe(100);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["sepal_length_cm", "number"],
      ["sepal_width_cm", "number"],
      ["petal_length_cm", "number"],
      ["petal_width_cm", "number"],
      ["species", "category"],
      ["petal_ratio", "number"],
    ]);
    expect(new Set(column(table, "species"))).toEqual(new Set(["versicolor", "virginica"]));
    expect(column(table, "petal_ratio")[0]).toBeCloseTo(4.7 / 1.4);
  });

  it("accepts a notebook cell's TypeScript as-is, async functions, and a returned table-like object", async () => {
    const code = `type Row = Record<string, string | number | boolean | null>;
interface Tableish { columnNames: string[]; column(name: string): unknown[]; rowCount: number }
const size = (row: Row): string => (Number(row.petal_length_cm) > 4 ? "big" : "small");
const label = async (t: { rows(): Row[] }): Promise<Tableish> => {
  const sizes = t.rows().map(size);
  return { columnNames: ["size", "long", "none"], column: (name) => name === "size" ? sizes : name === "long" ? sizes.map((s) => s === "big") : sizes.map(() => null), rowCount: sizes.length };
};`;
    const table = await output({ code, functionName: "label", language: "typescript" });
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["size", "category"],
      ["long", "boolean"],
      ["none", "number"],
    ]);
    expect(column(table, "size").filter((s) => s === "big")).toHaveLength(84);
    expect(column(table, "none").every((v) => v === null)).toBe(true);
  });

  it("infers types of new columns as the CSV reader would: integers, dates, text, missing values", async () => {
    const code = `function f(t) {
  return t.head(30).map((row, i) => ({
    id: i,
    day: "2024-01-" + String(i + 1).padStart(2, "0"),
    note: "a long free-text note that makes this column prose rather than a label, row " + i,
    maybe: i % 2 === 0 ? i / 2 : null,
    nan: NaN,
  }));
}`;
    const table = await output({ code, functionName: "f" });
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "integer"],
      ["day", "date"],
      ["note", "text"],
      ["maybe", "integer"],
      ["nan", "number"],
    ]);
    expect(column(table, "maybe").slice(0, 3)).toEqual([0, null, 1]);
    expect(column(table, "day")[29]).toBe("2024-01-30");
  });

  it("says so when the function is not defined, or is not a function", async () => {
    expect(await failure({ code: "function cleanRows(t) { return t; }", functionName: "cleanrows" })).toBe(
      'Custom code defines no function "cleanrows": check the function name, and that the code declares it at the top level',
    );
    expect(await failure({ code: "const limit = 3;", functionName: "limit" })).toMatch(/defines "limit", but it is a number, not a function/);
  });

  it("reports a throw with its message and line, and code that needs the notebook", async () => {
    const code = "function f(t) {\n  const rows = t.rows();\n  return rows.map((r) => r.missing.field);\n}";
    expect(await failure({ code, functionName: "f" })).toMatch(/^Custom code function "f" threw: cannot read property 'field' of undefined \(line 3\)$/);
    expect(await failure({ code: "function f(t) { return t.column('Species'); }", functionName: "f" })).toMatch(
      /"f" threw: No column "Species"\. Columns: sepal_length_cm, .*species\./,
    );
    expect(await failure({ code: 'const iris = await vajra.dataset("iris");\nfunction f(t) { return t; }', functionName: "f" })).toMatch(
      /failed before "f" could be called: 'vajra' is not defined \(line 1\); the notebook's vajra, display and tf do not exist/,
    );
  });

  it("reports syntax errors with their line, for JavaScript and TypeScript", async () => {
    expect(await failure({ code: "function f(t) {\n  return t.rows(;\n}", functionName: "f" })).toMatch(/^Custom code does not compile: .* \(line 2\)$/);
    expect(await failure({ code: "const f = (t: Table) => {\n  return t.rows(;\n}", functionName: "f", language: "typescript" })).toMatch(
      /^Custom code does not compile: .* \(line 2\)$/,
    );
  });

  it("stops an endless loop at the time limit, sync or async", async () => {
    const started = Date.now();
    expect(await failure({ code: "function f(t) { while (true) {} }", functionName: "f", timeoutMs: 300 })).toBe(
      'Custom code function "f" did not finish within 300 ms (an endless loop?); it was stopped',
    );
    expect(await failure({ code: "async function f(t) { for (;;) await null; }", functionName: "f", timeoutMs: 300 })).toMatch(
      /"f" did not finish within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await failure({ code: "function f(t) { return new Promise(() => {}); }", functionName: "f" })).toBe(
      'Custom code function "f" returned a promise that never settled',
    );
  });

  it("rejects results that are not tables, rows with inconsistent columns, and cells that are not values", async () => {
    expect(await failure({ code: "function f(t) { return t.rowCount; }", functionName: "f" })).toBe(
      'Custom code function "f" returned a number; it must return a table (like the one it was given) or an array of row objects',
    );
    expect(await failure({ code: "function f(t) { return undefined; }", functionName: "f" })).toMatch(/"f" returned undefined; it must return a table/);
    expect(await failure({ code: "function f(t) { return [{ a: 1, b: 2 }, { a: 1, b: 2 }, { a: 3 }]; }", functionName: "f" })).toBe(
      'Custom code function "f" returned rows with different columns: row 0 has a, b but row 2 has a',
    );
    expect(await failure({ code: "function f(t) { return [{ a: 1 }, [1]]; }", functionName: "f" })).toMatch(
      /returned an array as row 1; each row must be an object/,
    );
    expect(await failure({ code: "function f(t) { return [{ a: { nested: 1 } }]; }", functionName: "f" })).toMatch(
      /returned an object in row 0, column "a"; cells must be strings, numbers, booleans or null/,
    );
    expect(await failure({ code: "function f(t) { return [{ a: 1 }, { a: 'x' }]; }", functionName: "f" })).toMatch(
      /returned a table that cannot be typed: Column "a" mixes kinds of value \(row 0 holds a number, row 1 holds a string\)/,
    );
  });

  it("cannot reach the host from the function", async () => {
    const code = `function f(t) {
  return [{ probe: [typeof require, typeof process, typeof fetch, typeof setTimeout, typeof console].join() }];
}`;
    expect(column(await output({ code, functionName: "f" }), "probe")).toEqual(["undefined,undefined,undefined,undefined,undefined"]);
    expect(await failure({ code: 'function f(t) { return t.constructor.constructor("return process")(); }', functionName: "f" })).toMatch(
      /"f" threw: 'process' is not defined \(line 1\)/,
    );
  });

  it("fails clearly without a sandbox and on a function name that is not an identifier", async () => {
    expect(await failure({ code: "function f(t) { return t; }", functionName: "f" }, false)).toMatch(/Custom code runs only in a sandbox/);
    const compiled = compileGraph(
      {
        nodes: [
          { id: "load", kind: "load", params: { dataset: "iris.csv" } },
          { id: "code", kind: "custom-code", params: { code: "x", functionName: "f(); process.exit()" } },
        ],
        edges: [{ source: "load", sourceHandle: "table", target: "code", targetHandle: "table" }],
      },
      catalog,
    );
    expect(compiled.diagnostics).toEqual([expect.objectContaining({ nodeId: "code", param: "functionName", code: "invalid-param" })]);
  });
});
