import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CellSyntaxError, syntaxErrorLine, transpileCell } from "./notebookTypeScript";

// The compiler as the app serves it (app/api/notebook/typescript): the installed package's file.
const serveCompiler: typeof fetch = async () =>
  new Response(await readFile(path.join(process.cwd(), "node_modules", "typescript", "lib", "typescript.js"), "utf8"));

describe("transpileCell", () => {
  it("strips types and maps output lines back to the cell's lines", async () => {
    const source =
      "interface Point {\n  x: number;\n}\nconst p: Point = { x: 1 };\n\nconst twice = (n: number): number => n * 2;\nthrow new Error(String(twice(p.x)));";
    const { code, lines } = await transpileCell(source, serveCompiler);
    expect(code).not.toContain(": number");
    const throwAt = code.split("\n").findIndex((l) => l.startsWith("throw"));
    expect(lines[throwAt]).toBe(7);
  });

  it("reports a syntax error with its line", async () => {
    await expect(transpileCell("const a: number = 1;\nconst = 2;", serveCompiler)).rejects.toSatisfy(
      (error) => error instanceof CellSyntaxError && error.line === 2,
    );
    expect(await syntaxErrorLine("let x = 1;\n\nx +* 2;", serveCompiler)).toBe(3);
  });
});
