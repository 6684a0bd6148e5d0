import { decodeText, detectDelimiter } from "@/pipeline/ml/table/csv";
import { parquetMetadata, parquetSchema } from "hyparquet";
import type { Table } from "@/pipeline/ml/table/table";

/**
 * Shape limits for uploaded datasets, checked at upload (answered 422).
 *
 * A 9.9 MB CSV with 1,000,000 columns was accepted; every later read of its schema then cost
 * seconds and hundreds of MB, and any viewer could trigger those reads. Real tabular data is far
 * narrower (digits, 64 pixel columns, is among the widest samples; wide one-hot or embedding
 * exports reach the hundreds), so 2,000 columns leaves room while keeping a stored schema to
 * ~100 KB. A cell of 100,000 characters fits a long review or article; longer is a document, not
 * a table cell. Column names are labels in pickers and messages.
 */
export const MAX_DATASET_COLUMNS = 2_000;
export const MAX_CELL_CHARS = 100_000;
export const MAX_COLUMN_NAME_CHARS = 500;
/**
 * A 48 MB CSV of 24 million one-character rows was accepted and took the server from 1.8 to
 * 3.1 GB while parsing: per-row overhead, not cells, is what costs. Five million rows keep a
 * narrow file's parse to a few hundred MB and still exceed what fits in the 50 MB upload limit
 * at realistic widths.
 */
export const MAX_DATASET_ROWS = 5_000_000;

const QUOTE = 0x22;
const LF = 0x0a;

function tooManyRows(): string {
  return `The file has more than ${MAX_DATASET_ROWS.toLocaleString("en-US")} rows, the limit. Sample or split it before uploading.`;
}

function tooManyColumns(count: number | string): string {
  return `The file has ${count} columns; the limit is ${MAX_DATASET_COLUMNS}. Drop or combine columns before uploading.`;
}

/**
 * Counts a CSV's header fields without parsing the file, so a file with a million columns is
 * refused in milliseconds instead of after a parse that took 12 s and 700 MB. Null when the
 * header is within the limit (the full check after parsing still runs).
 */
export function csvHeaderProblem(bytes: Uint8Array): string | null {
  // The delimiter guess reads at most the first 64 KiB; the count runs on the bytes (the
  // delimiters, quote and newline are ASCII), so a 50 MB file is not decoded twice.
  const delimiter = detectDelimiter(decodeText(bytes.subarray(0, 64 * 1024))).charCodeAt(0);
  let fields = 1;
  let lines = 0;
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    // Lines past the header bound the row count from above (blank lines may still be dropped).
    else if (byte === LF && ++lines > MAX_DATASET_ROWS + 1) return tooManyRows();
    else if (lines === 0 && byte === delimiter && ++fields > MAX_DATASET_COLUMNS)
      return tooManyColumns(`more than ${MAX_DATASET_COLUMNS.toLocaleString("en-US")}`);
  }
  return null;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const keyDecoder = new TextDecoder();
/** Whitespace and a UTF-8 byte-order mark before the first value. */
const LEADING = new Set([0x20, 0x0a, 0x0d, 0x09, 0xef, 0xbb, 0xbf]);

/**
 * Counts the distinct keys of a JSON / JSON Lines file's row objects without parsing it: a
 * 12 MB file with a million keys took 7 s to parse before the column check could refuse it.
 * Rows are the objects inside the top-level array, or each top-level object of JSON Lines.
 * Keys are compared as written (escapes not decoded), which can only over-count odd files.
 */
export function jsonColumnsProblem(bytes: Uint8Array): string | null {
  let start = 0;
  while (start < bytes.length && LEADING.has(bytes[start]!)) start++;
  const rowDepth = bytes[start] === OPEN_BRACKET ? 2 : 1;
  const keys = new Set<string>();
  let rows = 0;
  // Open containers, innermost last: is it an object, and does a key come next in it.
  const stack: { object: boolean; expectKey: boolean }[] = [];
  let inString = false;
  let escaped = false;
  let keyStart = -1;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) {
        inString = false;
        if (keyStart >= 0) {
          keys.add(keyDecoder.decode(bytes.subarray(keyStart, i)));
          if (keys.size > MAX_DATASET_COLUMNS) return tooManyColumns(`more than ${MAX_DATASET_COLUMNS.toLocaleString("en-US")}`);
          keyStart = -1;
        }
      }
      continue;
    }
    const top = stack.at(-1);
    switch (byte) {
      case QUOTE:
        inString = true;
        if (top?.expectKey === true) {
          if (stack.length === rowDepth) keyStart = i + 1;
          top.expectKey = false;
        }
        break;
      case OPEN_BRACE:
      case OPEN_BRACKET:
        stack.push({ object: byte === OPEN_BRACE, expectKey: byte === OPEN_BRACE });
        if (stack.length === rowDepth && byte === OPEN_BRACE && ++rows > MAX_DATASET_ROWS) return tooManyRows();
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        stack.pop();
        break;
      case COMMA:
        if (top?.object === true) top.expectKey = true;
        break;
    }
  }
  return null;
}

/** A Parquet file's column count from its footer, before any column is read. */
export function parquetColumnsProblem(bytes: Uint8Array): string | null {
  let count: number;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    count = parquetSchema(parquetMetadata(buffer)).children.length;
  } catch {
    return null; // Unreadable: the parser says why.
  }
  return count > MAX_DATASET_COLUMNS ? tooManyColumns(count.toLocaleString("en-US")) : null;
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** What is wrong with a parsed table's shape, in words for the uploader; null when it is within the limits. */
export function tableShapeProblem(table: Table): string | null {
  if (table.rowCount > MAX_DATASET_ROWS) return tooManyRows();
  if (table.columns.length > MAX_DATASET_COLUMNS) return tooManyColumns(table.columns.length.toLocaleString("en-US"));
  for (const [index, column] of table.columns.entries()) {
    if (column.name.length > MAX_COLUMN_NAME_CHARS) {
      return `Column ${index + 1}'s name ("${preview(column.name)}") is ${column.name.length} characters long; the limit is ${MAX_COLUMN_NAME_CHARS}.`;
    }
    const cells = column.type === "text" ? column.values : column.type === "category" ? column.levels : [];
    for (const [row, cell] of cells.entries()) {
      if (cell !== null && cell.length > MAX_CELL_CHARS) {
        const where = column.type === "text" ? `row ${row + 1} of column "${preview(column.name)}"` : `a value of column "${preview(column.name)}"`;
        return `The cell at ${where} is ${cell.length.toLocaleString("en-US")} characters long; the limit is ${MAX_CELL_CHARS.toLocaleString("en-US")}.`;
      }
    }
  }
  return null;
}
