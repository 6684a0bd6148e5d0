import { describe, expect, it } from "vitest";
import { cellFunctions, functionCode } from "./cellFunctions";

const cell = `const iris = await vajra.dataset("iris");
const THRESHOLD = 2.5;
const ratio = (a, b) => a / b;

// Keeps the long-petalled rows and adds their ratio.
function cleanRows(table) {
  const rows = table.rows().filter((row) => row.petal_length_cm > THRESHOLD);
  return rows.map((row) => ({ ...row, ratio: ratio(row.petal_length_cm, row.petal_width_cm) }));
}
display.table(cleanRows(iris));
function main() { return 1 }
`;

describe("cellFunctions", () => {
  it("lists top-level functions that take an argument, declared or as arrows", () => {
    expect(cellFunctions(cell)).toEqual(["ratio", "cleanRows"]);
    expect(cellFunctions("const f = async (t: Table): Promise<Row[]> => t.rows();\nlet g = t => t\nvar h = function (t) { return t }\nconst n = 3;")).toEqual([
      "f",
      "g",
      "h",
    ]);
    expect(cellFunctions("if (x) { function inner(t) {} }\nconst x = (1, 2);\nconst call = run(t => t);")).toEqual([]);
  });

  it("cuts out the function with the declarations it uses, leaving exploration code behind", () => {
    expect(functionCode(cell, "cleanRows")).toBe(`const THRESHOLD = 2.5;

const ratio = (a, b) => a / b;

function cleanRows(table) {
  const rows = table.rows().filter((row) => row.petal_length_cm > THRESHOLD);
  return rows.map((row) => ({ ...row, ratio: ratio(row.petal_length_cm, row.petal_width_cm) }));
}`);
    expect(functionCode(cell, "ratio")).toBe("const ratio = (a, b) => a / b;");
  });

  it("keeps TypeScript types the function names, and templates whole", () => {
    const ts = `type Row = Record<string, number | string | null>;
interface Unused { a: number }
const label = (t: { rows(): Row[] }) =>
  t.rows().map((row) => ({ ...row, tag: \`\${row.species}-\${row.petal_length_cm}\` }))
display.text("done")`;
    expect(functionCode(ts, "label")).toBe(`type Row = Record<string, number | string | null>;

const label = (t: { rows(): Row[] }) =>
  t.rows().map((row) => ({ ...row, tag: \`\${row.species}-\${row.petal_length_cm}\` }))`);
  });

  it("does not pull in a data variable that only shares its name with a parameter", () => {
    const source = 'const t = await vajra.dataset("iris");\nfunction keep(t) {\n  if (t.rowCount > 0) { return t; }\n  return t;\n}';
    expect(functionCode(source, "keep")).toBe("function keep(t) {\n  if (t.rowCount > 0) { return t; }\n  return t;\n}");
  });
});
