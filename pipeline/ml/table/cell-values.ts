import { isMissing, type Column, type Table } from "./table";
import { formatIsoDate } from "./values";

/** A cell as user code sees it: numbers, strings (categories, text, ISO dates), booleans; missing is null. */
export type CellValue = string | number | boolean | null;

/** A table as plain JSON-safe columns, the form in which it crosses into and out of a sandbox. */
export interface CellColumns {
  names: string[];
  /** One array per name, each `rowCount` long. */
  columns: CellValue[][];
  rowCount: number;
}

export function cellValue(column: Column, row: number): CellValue {
  if (isMissing(column, row)) return null;
  switch (column.type) {
    case "category":
      return column.levels[column.codes[row]!]!;
    case "text":
      return column.values[row]!;
    case "boolean":
      return column.values[row] === 1;
    case "date":
      return formatIsoDate(column.values[row]!);
    default:
      return column.values[row]!;
  }
}

export function tableToCellColumns(table: Table): CellColumns {
  return {
    names: table.columns.map((c) => c.name),
    columns: table.columns.map((c) => Array.from({ length: table.rowCount }, (_, row) => cellValue(c, row))),
    rowCount: table.rowCount,
  };
}
