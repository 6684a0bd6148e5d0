import { decodeText, detectDelimiter } from "@/pipeline/ml/table/csv";
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

const QUOTE = 0x22;
const LF = 0x0a;

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
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (byte === LF) break;
    else if (byte === delimiter && ++fields > MAX_DATASET_COLUMNS) return tooManyColumns(`more than ${MAX_DATASET_COLUMNS.toLocaleString("en-US")}`);
  }
  return null;
}

function preview(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** What is wrong with a parsed table's shape, in words for the uploader; null when it is within the limits. */
export function tableShapeProblem(table: Table): string | null {
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
