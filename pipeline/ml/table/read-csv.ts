import { parseCsvColumns, type CsvColumn, type CsvParseOptions, type TextInput } from "./csv";
import { utf8Bytes } from "./csv-bytes";
import { notTextProblem } from "./not-text";
import { buildColumn, checkTypeOverrides, inferColumn, type InferOptions, type RowLocator } from "./infer";
import type { Column, ColumnType, Table } from "./table";

export type ReadCsvOptions = CsvParseOptions & InferOptions;

/**
 * Parses CSV text or bytes into a typed Table (see parseCsvRecords and inferColumnType for the rules).
 * Columns without a user-chosen type are parsed as numbers while they hold only numbers, so a numeric
 * column never becomes strings; the first other value turns it back into text for inference.
 */
export function readCsv(input: TextInput, options: ReadCsvOptions = {}): Table {
  const chosen = options.types ?? {};
  const bytes = utf8Bytes(input);
  const notText = notTextProblem(bytes);
  if (notText !== null) throw new Error(notText);
  const parsed = parseCsvColumns(bytes, { ...options, numeric: (name) => !Object.hasOwn(chosen, name) });
  const overrides = checkTypeOverrides(parsed.header, chosen);
  const locate: RowLocator = (row) => `line ${parsed.rowLines[row]}`;
  return {
    rowCount: parsed.rowCount,
    columns: parsed.header.map((name, c) =>
      typedColumn(name, parsed.columns[c]!, Object.hasOwn(overrides, name) ? overrides[name] : undefined, options, locate),
    ),
  };
}

function typedColumn(name: string, column: CsvColumn, chosen: ColumnType | undefined, options: InferOptions, locate: RowLocator): Column {
  if (column.kind === "numbers") {
    // inferColumnType's rule for a column of numbers: integer when every present value is one, and "number" when none is present.
    return { name, type: column.present > 0 && column.integer ? "integer" : "number", values: column.values };
  }
  return chosen === undefined ? inferColumn(name, column.values, options, locate) : buildColumn(name, column.values, chosen, locate);
}
