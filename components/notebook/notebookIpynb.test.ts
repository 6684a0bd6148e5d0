import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { NotebookCell } from "@/contracts/notebookCells";
import { ipynbFileName, toIpynb } from "./notebookIpynb";

// The required fields of nbformat.v4.5.schema.json (jupyter/nbformat); cells and outputs allow no other keys.
const multiline = z.union([z.string(), z.array(z.string())]);
const cellId = z
  .string()
  .regex(/^[a-zA-Z0-9-_]+$/)
  .min(1)
  .max(64);
const output = z.discriminatedUnion("output_type", [
  z.strictObject({ output_type: z.literal("stream"), name: z.string(), text: multiline }),
  z.strictObject({ output_type: z.literal("display_data"), data: z.record(z.string(), multiline), metadata: z.record(z.string(), z.unknown()) }),
  z.strictObject({ output_type: z.literal("error"), ename: z.string(), evalue: z.string(), traceback: z.array(z.string()) }),
]);
const nbformat45 = z.object({
  nbformat: z.literal(4),
  nbformat_minor: z.number().int().min(5),
  metadata: z.object({
    kernelspec: z.object({ name: z.string(), display_name: z.string() }),
    language_info: z.object({ name: z.string() }),
  }),
  cells: z.array(
    z.discriminatedUnion("cell_type", [
      z.strictObject({ id: cellId, cell_type: z.literal("markdown"), metadata: z.record(z.string(), z.unknown()), source: multiline }),
      z.strictObject({
        id: cellId,
        cell_type: z.literal("code"),
        metadata: z.record(z.string(), z.unknown()),
        source: multiline,
        execution_count: z.number().int().nullable(),
        outputs: z.array(output),
      }),
    ]),
  ),
});

const cells: NotebookCell[] = [
  { id: "c1", kind: "markdown", source: "# Iris\nNotes.", outputs: [], executionCount: null },
  {
    id: "c2",
    kind: "javascript",
    source: 'const iris = await vajra.dataset("iris");\niris',
    executionCount: 1,
    outputs: [
      { type: "text", text: "hello\nworld" },
      { type: "table", columns: [{ name: "a<b", type: "number" }], rows: [[1], [null]], rowCount: 150 },
      { type: "html", html: "<b>x</b>" },
      { type: "plot", plot: { kind: "scatter", title: "Petals", x: [1, 2], y: [3, 4] } },
      { type: "error", message: "TypeError: x is not a function", line: 2 },
      { type: "interrupted", lost: ["iris"] },
    ],
  },
  { id: "c3", kind: "typescript", source: "const n: number = 1;", outputs: [], executionCount: null },
];

describe("toIpynb", () => {
  it("writes nbformat 4.5 with a JavaScript kernel, Markdown and code cells with their outputs", () => {
    const notebook = toIpynb("Iris notes", cells);
    expect(nbformat45.safeParse(JSON.parse(JSON.stringify(notebook))).error).toBeUndefined();
    expect(notebook.metadata).toMatchObject({ kernelspec: { language: "javascript" }, language_info: { name: "javascript", file_extension: ".js" } });
    const [markdown, code, typescript] = notebook.cells;
    expect(markdown).toEqual({ id: "c1", cell_type: "markdown", metadata: {}, source: ["# Iris\n", "Notes."] });
    expect(code).toMatchObject({ cell_type: "code", execution_count: 1, source: ['const iris = await vajra.dataset("iris");\n', "iris"] });
    if (code?.cell_type !== "code") throw new Error("expected a code cell");
    expect(code.outputs[0]).toEqual({ output_type: "stream", name: "stdout", text: ["hello\n", "world"] });
    const table = code.outputs[1];
    expect(table?.output_type === "display_data" && table.data["text/html"]!.join("")).toContain("<th>a&lt;b</th>");
    expect(table?.output_type === "display_data" && table.data["text/plain"]).toEqual(["Table: 150 rows × 1 columns (first 2 shown)"]);
    expect(code.outputs[4]).toEqual({
      output_type: "error",
      ename: "TypeError",
      evalue: "x is not a function",
      traceback: ["Line 2: TypeError: x is not a function"],
    });
    expect(typescript).toMatchObject({ metadata: { vajra: { language: "typescript" } }, outputs: [] });
  });

  it("names the file after the notebook", () => {
    expect(ipynbFileName("Iris / notes: v2")).toBe("Iris notes v2.ipynb");
    expect(ipynbFileName("  ")).toBe("notebook.ipynb");
  });
});
