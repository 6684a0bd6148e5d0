import { displayValue } from "./cell-text";
import { formatCsvRows, spreadsheetSafeRows, type CsvDelimiter } from "./csv";
import { isMissing, type Table } from "./table";

/**
 * Serialises a table as CSV (header row first): numbers in JavaScript's shortest
 * round-trip form, booleans as true/false, dates as ISO text, missing as an
 * empty field. readCsv reads it back to the same values (unless `spreadsheetSafe`, for downloads:
 * see spreadsheetSafeRows).
 */
export function writeCsv(table: Table, delimiter: CsvDelimiter = ",", options: { spreadsheetSafe?: boolean } = {}): string {
  const rows: string[][] = [table.columns.map((c) => c.name)];
  for (let r = 0; r < table.rowCount; r++) {
    rows.push(table.columns.map((column) => (isMissing(column, r) ? "" : displayValue(column, r))));
  }
  return formatCsvRows(options.spreadsheetSafe ? spreadsheetSafeRows(rows) : rows, delimiter);
}
