import { describe, expect, it } from "vitest";
import { applyLabelingFunctions } from "../../pipeline/ml/labeling/apply-labeling-functions";
import type { Table } from "../../pipeline/ml/table/table";
import { ProcessSandbox } from "./processSandbox";

const sandbox = new ProcessSandbox();
const rows = [
  { review: "short", stars: 2 },
  { review: "a much longer review, with detail", stars: 5 },
  { review: null, stars: null },
];
const run = (expression: string, timeoutMs = 2_000) => sandbox.evaluate([{ name: "probe", expression }], rows, { timeoutMs });

describe("ProcessSandbox", () => {
  it("evaluates expressions over rows; null and undefined abstain", async () => {
    const out = await sandbox.evaluate(
      [
        { name: "short", expression: 'row.review !== null && row.review.length < 10 ? "other" : null' },
        { name: "stars", expression: 'row.stars >= 4 ? "great" : undefined' },
      ],
      rows,
      { timeoutMs: 2_000 },
    );
    expect(out).toEqual([
      ["other", null, null],
      [null, "great", null],
    ]);
  });

  it("gives expressions no way to reach require, process or code generation", async () => {
    expect(await run("typeof require + ',' + typeof process + ',' + typeof setTimeout + ',' + typeof console + ',' + typeof fetch")).toEqual([
      Array(3).fill("undefined,undefined,undefined,undefined,undefined"),
    ]);
    await expect(run('row.constructor.constructor("return process")()')).rejects.toThrow(/"probe" threw on row 0: 'process' is not defined/);
  });

  it("stops a runaway loop and names the function", async () => {
    const started = Date.now();
    await expect(run("(() => { while (true) {} })()", 300)).rejects.toThrow(/Labeling function "probe" did not finish within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(run("Promise.resolve().then(() => { while (true) {} }) && null", 300)).rejects.toThrow(/"probe" did not finish/);
  });

  it("names the function and row on a throw, a bad result type or a syntax error", async () => {
    await expect(run("row.missing.field")).rejects.toThrow(/Labeling function "probe" threw on row 0: cannot read property 'field' of undefined/);
    await expect(run("row.stars > 3 ? 1 : null")).rejects.toThrow(/"probe" returned a value of type number on row 1/);
    await expect(run("row.stars >")).rejects.toThrow(/"probe" does not compile/);
  });

  it("plugs into applyLabelingFunctions, which rejects unknown classes by function and value", async () => {
    const table: Table = {
      rowCount: 3,
      columns: [
        { name: "review", type: "text", values: ["ok", "lovely!", null] },
        { name: "stars", type: "integer", values: Float64Array.from([1, 5, NaN]) },
      ],
    };
    const matrix = await applyLabelingFunctions(
      table,
      [
        { name: "low stars", kind: "expression", expression: 'row.stars !== null && row.stars < 3 ? "other" : null' },
        { name: "bang", kind: "keywords", column: "review", keywords: ["!"], label: "great" },
      ],
      { classes: ["great", "other"], sandbox },
    );
    expect(Array.from(matrix.votes)).toEqual([1, -1, -1, 0, -1, -1]);
    await expect(
      applyLabelingFunctions(table, [{ name: "typo", kind: "expression", expression: '"grate"' }], { classes: ["great", "other"], sandbox }),
    ).rejects.toThrow(/Labeling function "typo" returned "grate" on row 0, which is not one of the classes: great, other/);
  });

  it("runs regex labeling functions in the sandbox, so a catastrophic pattern stops at the time limit", async () => {
    const table: Table = { rowCount: 2, columns: [{ name: "review", type: "text", values: ["a".repeat(40) + "!", "fine"] }] };
    const regex = (pattern: string) => [{ name: "backtracks", kind: "regex" as const, column: "review", pattern, label: "great" }];
    const started = Date.now();
    await expect(applyLabelingFunctions(table, regex("(a+)+$"), { classes: ["great", "other"], sandbox, timeoutMs: 500 })).rejects.toThrow(
      /Labeling function "backtracks" did not finish within 500 ms/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    const matrix = await applyLabelingFunctions(table, regex("^fi"), { classes: ["great", "other"], sandbox });
    expect(Array.from(matrix.votes)).toEqual([-1, 0]);
  });
});
