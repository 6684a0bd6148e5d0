import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsvRecords } from "./csv";
import { tableFromTextColumns } from "./infer";
import { readCsv } from "./read-csv";
import type { Table } from "./table";

/** What readCsv is defined to return: every field as text, then inference (the path it takes for text columns). */
function readCsvAsText(text: string, options = {}): Table {
  const records = parseCsvRecords(text, options);
  return tableFromTextColumns(records.header, records.columns, records.rowCount, options, (row) => `line ${records.rowLines[row]}`);
}

function outcome(read: () => Table): { table: Table } | { error: string } {
  try {
    return { table: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const numberText = fc.oneof(
  fc.double({ noNaN: true }).map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(4)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toExponential(8)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toPrecision(16 + Math.floor(Math.abs(x) % 4))),
  // Exact halfway between two doubles (ties to even), and long mantissas near 2^53.
  fc.constantFrom("9007199254740993.0", "4503599627370496.5", "4503599627370497.5", "9007199254740995e0", "1.8014398509481985e16"),
  fc.constantFrom("1e999", "-0", "+5", ".5", "5.", "007", "1E5", "1e+05", "-1.5E-7", "9007199254740993", "0.10490011715303971", "123456789012345678"),
);
const otherText = fc.constantFrom(
  "",
  " ",
  "NA",
  " n/a ",
  "nan",
  "?",
  "null",
  " 1.5",
  "2 ",
  "-",
  "+",
  ".",
  "e5",
  "1e",
  "1.2.3",
  "0x1f",
  "abc",
  "true",
  "2024-01-02",
  '"',
  "\r",
  "1\r2",
);
const field = fc.oneof({ weight: 6, arbitrary: numberText }, { weight: 2, arbitrary: otherText });
/** Some fields quoted, so numbers also arrive through the quoted path. */
const written = field.chain((value) => fc.constantFrom(value, `"${value.replaceAll('"', '""')}"`));

describe("readCsv", () => {
  it("reads numeric columns exactly as text-then-inference would, whatever the fields", () => {
    const csv = fc
      .integer({ min: 1, max: 4 })
      .chain((width) =>
        fc
          .tuple(
            fc.array(fc.array(written, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 40 }),
            fc.constantFrom("\n", "\r\n"),
            fc.boolean(),
          )
          .map(([rows, eol, header]) => ({ text: rows.map((cells) => cells.join(",")).join(eol) + eol, header })),
      );
    fc.assert(
      fc.property(csv, ({ text, header }) => {
        const options = { delimiter: "," as const, header };
        expect(outcome(() => readCsv(text, options))).toEqual(outcome(() => readCsvAsText(text, options)));
      }),
      { numRuns: 2000 },
    );
  });

  it("turns a numeric column into text at its first non-number, keeping the earlier fields' text", () => {
    const rows = Array.from({ length: 3000 }, (_, r) => `${r},"${r}.50",${r === 2500 ? "n/a" : r}`);
    rows[2999] = `2999,x,1`;
    const table = readCsv(`id,price,count\n${rows.join("\n")}\n`);
    expect(table.columns.map((c) => c.type)).toEqual(["integer", "text", "integer"]);
    expect(table.columns[1]!.type === "text" && table.columns[1]!.values.slice(0, 2)).toEqual(["0.50", "1.50"]);
    expect(Number.isNaN(table.columns[2]!.type === "integer" ? table.columns[2]!.values[2500] : 0)).toBe(true);
  });

  it("keeps a user-chosen type and checks it names a column", () => {
    const table = readCsv("a,b\n1,2\n3,4\n", { types: { a: "category" } });
    expect(table.columns.map((c) => c.type)).toEqual(["category", "integer"]);
    expect(() => readCsv("a,b\n1,2\n", { types: { c: "number" } })).toThrow('Type given for unknown column "c"');
    expect(() => readCsv("a,toString\n1,x\n").columns[1]!.type).not.toThrow();
  });
});
