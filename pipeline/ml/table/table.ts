/**
 * The columnar in-memory table every node passes around. Numbers live in typed
 * arrays (not row objects) so a 100k-row table is a handful of allocations and
 * can be handed to TensorFlow.js or the tree learners without copying per row.
 */

export const COLUMN_TYPES = ["number", "integer", "boolean", "date", "category", "text"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** number / integer / boolean (0|1) / date (epoch ms). NaN marks a missing value. */
export interface NumericColumn {
  name: string;
  type: "number" | "integer" | "boolean" | "date";
  values: Float64Array;
}

/** Dictionary-encoded strings. Code -1 marks a missing value. */
export interface CategoryColumn {
  name: string;
  type: "category";
  codes: Int32Array;
  levels: string[];
}

/** Free text. null marks a missing value. */
export interface TextColumn {
  name: string;
  type: "text";
  values: (string | null)[];
}

export type Column = NumericColumn | CategoryColumn | TextColumn;

export interface Table {
  rowCount: number;
  columns: Column[];
}

/** What a Table port carries at compile time, before any data exists. */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
}

export interface TableSchema {
  columns: ColumnSchema[];
  /** Name of the label column, when one has been chosen upstream. */
  target?: string;
}

export function isNumeric(column: Column): column is NumericColumn {
  return column.type !== "category" && column.type !== "text";
}

export function schemaOf(table: Table, target?: string): TableSchema {
  return {
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    ...(target === undefined ? {} : { target }),
  };
}

export function getColumn(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) {
    const known = table.columns.map((c) => c.name).join(", ");
    throw new Error(`Unknown column "${name}". Columns are: ${known}`);
  }
  return column;
}

export function isMissing(column: Column, row: number): boolean {
  switch (column.type) {
    case "category":
      return column.codes[row]! < 0;
    case "text":
      return column.values[row] === null;
    default:
      return Number.isNaN(column.values[row]!);
  }
}
