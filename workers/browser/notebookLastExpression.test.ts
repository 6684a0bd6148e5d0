import { describe, expect, it } from "vitest";
import type { CellOutput } from "@/contracts/notebookCells";
import { readCsv } from "@/pipeline/ml/table/read-csv";
import { createDisplay, displayResult } from "./notebookDisplay";
import { javaScriptSyntaxErrorLine, returnLastExpression } from "./notebookLastExpression";
import { NotebookTable } from "./notebookTable";

const rewrite = (code: string) => returnLastExpression(code);

/** Runs a cell the way the worker does: as the body of an async function. */
async function cellValue(code: string): Promise<unknown> {
  const run = new Function(`return (async () => { ${rewrite(code)}\n})`)() as () => Promise<unknown>;
  return run();
}

describe("returnLastExpression", () => {
  it("returns the last expression statement's value, awaited, with comments and earlier statements kept", async () => {
    expect(rewrite("40 + 2")).toBe("return (40 + 2);");
    expect(rewrite("const a = 1;\na * 2; // twice")).toBe("const a = 1;\nreturn (a * 2); // twice");
    expect(await cellValue("const a = 20;\na + 22")).toBe(42);
    expect(await cellValue("await Promise.resolve({ answer: 42 })")).toEqual({ answer: 42 });
    expect(await cellValue("[1, 2,\n 3].map((n) => n * 2)\n\n// done")).toEqual([2, 4, 6]);
  });

  it("keeps every line where it was, so error lines still match the cell", () => {
    const code = "const rows = [\n  1,\n  2,\n];\nrows\n  .map((n) => n + 1)\n  .filter(Boolean)";
    expect(rewrite(code).split("\n")).toHaveLength(code.split("\n").length);
    expect(rewrite(code).split("\n")[4]).toBe("return (rows");
  });

  it("leaves cells whose last statement is not an expression, or is an assignment, alone", async () => {
    for (const code of ["const x = 1;", "function f() { return 1 }", "if (true) { 42 }", "x = 5", "let y; y += 2;", "for (const i of [1]) i", ""]) {
      expect(rewrite(code)).toBe(code);
    }
    expect(await cellValue("let n = 1;\nn = 5")).toBeUndefined();
    expect(rewrite('"use strict"')).toBe('"use strict"');
  });

  it("parses top-level await and return as the worker runs them", async () => {
    expect(rewrite("const r = await Promise.resolve(2);\nr * 21")).toBe("const r = await Promise.resolve(2);\nreturn (r * 21);");
    expect(rewrite("if (true) return 1;\n2")).toBe("if (true) return 1;\nreturn (2);");
  });
});

describe("javaScriptSyntaxErrorLine", () => {
  it("names the line of the first syntax error, or null when the cell parses", () => {
    expect(javaScriptSyntaxErrorLine("let x = 1;\n\nx +* 2;")).toBe(3);
    expect(javaScriptSyntaxErrorLine("const a = await fetch('x');\na")).toBeNull();
  });
});

describe("displayResult", () => {
  const shown = (value: unknown): CellOutput[] => {
    const outputs: CellOutput[] = [];
    displayResult(createDisplay(outputs), value);
    return outputs;
  };

  it("shows tables as tables, numbers, strings and objects as text, undefined as nothing", () => {
    const iris = new NotebookTable(readCsv(new TextEncoder().encode("a,b\n1,x\n2,y\n")));
    expect(shown(iris)).toEqual([
      {
        type: "table",
        columns: [expect.objectContaining({ name: "a" }), expect.objectContaining({ name: "b" })],
        rows: [
          [1, "x"],
          [2, "y"],
        ],
        rowCount: 2,
      },
    ]);
    expect(shown(42)).toEqual([{ type: "text", text: "42" }]);
    expect(shown("hi")).toEqual([{ type: "text", text: '"hi"' }]);
    expect(shown({ a: [1, 2] })).toEqual([{ type: "text", text: '{\n  "a": [\n    1,\n    2\n  ]\n}' }]);
    expect(shown(new Map([["k", 1]]))).toEqual([{ type: "text", text: 'Map {\n  "k": 1\n}' }]);
    expect(shown(null)).toEqual([{ type: "text", text: "null" }]);
    expect(shown(undefined)).toEqual([]);
  });

  it("lets a value with its own toString (a tensor, a date) say how it reads", () => {
    const tensorLike = new (class Tensor {
      toString() {
        return "Tensor\n    [1, 2, 3]";
      }
    })();
    expect(shown(tensorLike)).toEqual([{ type: "text", text: "Tensor\n    [1, 2, 3]" }]);
  });
});
