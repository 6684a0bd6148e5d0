import { decodeText, type TextInput } from "./csv";
import { tableFromTextColumns, type InferOptions } from "./infer";
import { firstTooDeep, MAX_DATASET_JSON_DEPTH } from "./json-nesting";
import type { Table } from "./table";
import { cellText } from "./values";

/**
 * Reads a JSON array of objects (`[{...}, {...}]`) or JSON Lines (one object per
 * line, blank lines skipped) into a typed Table. Columns are the union of the
 * objects' keys in first-seen order; an absent key or null is a missing value;
 * nested arrays/objects become JSON text. Types are inferred as for CSV.
 *
 * Throws on an empty file, invalid JSON (naming the line for JSON Lines), or a
 * row that is not an object (naming the element or line).
 */
export function readJson(input: TextInput, options: InferOptions = {}): Table {
  const text = decodeText(input).trim();
  if (text === "") throw new Error("The JSON file is empty.");
  const builder = new ColumnBuilder();
  if (text.startsWith("[")) {
    refuseDeepNesting(text, "The JSON file");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`Invalid JSON: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new Error("Expected a JSON array of objects.");
    parsed.forEach((row: unknown, i) => builder.add(row, `element ${i + 1}`));
    return builder.toTable(options, (row) => `element ${row + 1}`);
  }

  const lines: number[] = [];
  let lineNumber = 0;
  for (const line of text.split("\n")) {
    lineNumber++;
    if (line.trim() === "") continue;
    refuseDeepNesting(line, `Line ${lineNumber}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new Error(`Invalid JSON on line ${lineNumber}: ${(error as Error).message}`);
    }
    builder.add(parsed, `line ${lineNumber}`);
    lines.push(lineNumber);
  }
  return builder.toTable(options, (row) => `line ${lines[row]}`);
}

function refuseDeepNesting(text: string, what: string): void {
  if (firstTooDeep(text, MAX_DATASET_JSON_DEPTH) >= 0) {
    throw new Error(`${what} nests objects or arrays more than ${MAX_DATASET_JSON_DEPTH} levels deep; a table's rows are objects of values.`);
  }
}

/** Accumulates object rows column-wise, back-filling columns that appear late. */
class ColumnBuilder {
  private readonly names: string[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly columns: string[][] = [];
  private rows = 0;

  add(row: unknown, where: string): void {
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      throw new Error(`Expected an object on ${where}, found ${Array.isArray(row) ? "an array" : JSON.stringify(row)}.`);
    }
    for (const [key, value] of Object.entries(row)) {
      let c = this.indexOf.get(key);
      if (c === undefined) {
        c = this.names.length;
        this.indexOf.set(key, c);
        this.names.push(key);
        this.columns.push(new Array<string>(this.rows).fill(""));
      }
      const column = this.columns[c]!;
      // Fill keys this row skipped, so every column stays aligned with the row count.
      while (column.length < this.rows) column.push("");
      column.push(cellText(value));
    }
    this.rows++;
  }

  toTable(options: InferOptions, locate: (row: number) => string): Table {
    for (const column of this.columns) while (column.length < this.rows) column.push("");
    return tableFromTextColumns(this.names, this.columns, this.rows, options, locate);
  }
}
