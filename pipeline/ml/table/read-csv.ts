import { parseCsvRecords, type CsvParseOptions, type TextInput } from "./csv";
import { tableFromTextColumns, type InferOptions } from "./infer";
import type { Table } from "./table";

export type ReadCsvOptions = CsvParseOptions & InferOptions;

/** Parses CSV text or bytes into a typed Table (see parseCsvRecords and inferColumnType for the rules). */
export function readCsv(input: TextInput, options: ReadCsvOptions = {}): Table {
  const records = parseCsvRecords(input, options);
  return tableFromTextColumns(records.header, records.columns, records.rowCount, options, (row) => `line ${records.rowLines[row]}`);
}
