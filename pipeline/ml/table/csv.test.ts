import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { detectDelimiter, formatCsvRows, parseCsvRecords, spreadsheetSafeRows, type TextInput } from "./csv";

function rowsOf(text: TextInput, options = {}): string[][] {
  const records = parseCsvRecords(text, options);
  const rows: string[][] = [records.header];
  for (let r = 0; r < records.rowCount; r++) rows.push(records.columns.map((column) => column[r]!));
  return rows;
}

describe("parseCsvRecords", () => {
  it("splits a plain file column-wise", () => {
    const records = parseCsvRecords("a,b,c\n1,2,3\n4,5,6\n");
    expect(records.header).toEqual(["a", "b", "c"]);
    expect(records.columns).toEqual([
      ["1", "4"],
      ["2", "5"],
      ["3", "6"],
    ]);
    expect(records.rowCount).toBe(2);
    expect([...records.rowLines]).toEqual([2, 3]);
  });

  it("handles quoted fields, doubled quotes, embedded delimiters and newlines", () => {
    const text = 'id,msg\n1,"hello, world"\n2,"she said ""hi"""\n3,"two\nlines"\n4,""\n';
    expect(rowsOf(text)).toEqual([
      ["id", "msg"],
      ["1", "hello, world"],
      ["2", 'she said "hi"'],
      ["3", "two\nlines"],
      ["4", ""],
    ]);
  });

  it("tracks the starting line of rows that follow multi-line fields", () => {
    const records = parseCsvRecords('a,b\n"x\ny\nz",1\nq,2\n');
    expect([...records.rowLines]).toEqual([2, 5]);
  });

  it("accepts CRLF, a BOM, a missing final newline and skips blank lines", () => {
    const text = '\uFEFFa,b\r\n1,"x\r\ny"\r\n\r\n2,z';
    expect(rowsOf(text)).toEqual([
      ["a", "b"],
      ["1", "x\r\ny"],
      ["2", "z"],
    ]);
  });

  it("reads a file that uses lone CRs as line breaks", () => {
    expect(rowsOf("a,b\r1,2\r3,4\r")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("decodes UTF-8 bytes (Uint8Array and ArrayBuffer)", () => {
    const bytes = new TextEncoder().encode("\uFEFFname,city\nJosé,Zürich\n");
    expect(rowsOf(bytes)).toEqual([
      ["name", "city"],
      ["José", "Zürich"],
    ]);
    expect(parseCsvRecords(bytes.buffer as ArrayBuffer).columns[1]).toEqual(["Zürich"]);
  });

  it("reads bytes as their decoded text: multi-byte characters, broken sequences, a U+FEFF inside the file", () => {
    const text = 'k,v\n"日本, 😀",\uFEFFx\nJosé,"a""é"\nJosé,\uFFFD\n';
    const bytes = new TextEncoder().encode(text);
    expect(rowsOf(bytes)).toEqual(rowsOf(text));
    expect(rowsOf(text)[1]).toEqual(["日本, 😀", "\uFEFFx"]);
    // A lead byte cut off by a delimiter decodes to U+FFFD, as decoding the whole file would.
    expect(rowsOf(Uint8Array.from([0x6b, 0x2c, 0x76, 0x0a, 0xc3, 0x2c, 0x0a]))).toEqual([
      ["k", "v"],
      ["\uFFFD", ""],
    ]);
    expect(() => parseCsvRecords(new TextEncoder().encode("\u00a0\u3000\n\u2028"))).toThrow("empty");
  });

  it("gives repeated fields the same text however many distinct ones come between", () => {
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? "yes" : `v${i}`));
    const records = parseCsvRecords(["x", ...values].join("\n"));
    expect(records.columns[0]).toEqual(values);
  });

  it("keeps a trailing empty field", () => {
    expect(rowsOf("a,b\n1,\n2,")).toEqual([
      ["a", "b"],
      ["1", ""],
      ["2", ""],
    ]);
  });

  it("names columns when there is no header and de-duplicates header names", () => {
    expect(parseCsvRecords("1,2\n3,4", { header: false }).header).toEqual(["column_1", "column_2"]);
    expect(parseCsvRecords("1,2\n3,4", { header: false }).rowCount).toBe(2);
    expect(parseCsvRecords("x,x,,x\n1,2,3,4").header).toEqual(["x", "x_2", "column_3", "x_3"]);
  });

  it.each([
    [",", "a,b,c\n1,2,3\n4,5,6\n"],
    [";", "a;b;c\n1,5;2,5;3\n4;5;6\n"],
    ["\t", "a\tb\tc\n1\t2\t3\n"],
    ["|", "a|b|c\n1|2|3\n"],
  ])("detects the %j delimiter", (delimiter, text) => {
    expect(detectDelimiter(text)).toBe(delimiter);
    expect(parseCsvRecords(text).header).toEqual(["a", "b", "c"]);
  });

  it("ignores delimiters inside quotes when detecting", () => {
    expect(detectDelimiter('a;b\n"x,y,z";1\n"p,q";2\n')).toBe(";");
  });

  it("rejects an empty file", () => {
    expect(() => parseCsvRecords("")).toThrow("The CSV file is empty.");
    expect(() => parseCsvRecords(" \n\r\n")).toThrow("empty");
  });

  it("names the line where an unterminated quote opened", () => {
    const text = 'a,b\n1,2\n3,"never\nclosed\n4,5\n';
    expect(() => parseCsvRecords(text)).toThrow(/quote opened on line 3 is never closed/);
  });

  it("names the line of a ragged row", () => {
    expect(() => parseCsvRecords("a,b\n1,2\n3\n")).toThrow("Row on line 3 has 1 field, but the header has 2.");
    expect(() => parseCsvRecords('a,b\n"1\n2",2\n3,4,5\n')).toThrow("Row on line 4 has 3 fields");
  });

  it("parses back what formatCsvRows writes, for any fields", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "Z", " ", ",", ";", '"', "\n", "\r", "\t", "é", "1") });
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 2, maxLength: 8 }));
    fc.assert(
      fc.property(table, fc.constantFrom(",", ";", "\t", "|" as const), fc.constantFrom("\n", "\r\n" as const), (rows, delimiter, eol) => {
        // Header names are normalised (trimmed, de-duplicated), so compare the data rows.
        const text = formatCsvRows(rows, delimiter, eol);
        const records = parseCsvRecords(text, { delimiter });
        const parsed = Array.from({ length: records.rowCount }, (_, r) => records.columns.map((c) => c[r]!));
        expect(parsed).toEqual(rows.slice(1));
      }),
      { numRuns: 300 },
    );
  });
});

describe("spreadsheetSafeRows", () => {
  it("turns text a spreadsheet would run as a formula into text, and leaves numbers and plain text alone", () => {
    const rows = [['=HYPERLINK("http://evil")', "+1+1", "-cmd", "@SUM(A1)", "\tx", "-1.5", "+3", "plain", ""]];
    expect(spreadsheetSafeRows(rows)).toEqual([['\'=HYPERLINK("http://evil")', "'+1+1", "'-cmd", "'@SUM(A1)", "'\tx", "-1.5", "+3", "plain", ""]]);
    expect(formatCsvRows(spreadsheetSafeRows([["=1+2"]]))).toBe("'=1+2\n");
  });
});
