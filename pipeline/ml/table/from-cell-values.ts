import type { CellColumns, CellValue } from "./cell-values";
import { buildColumn, stringColumnType } from "./infer";
import type { Column, ColumnType, TableSchema, Table } from "./table";
import { isMissingToken, parseIsoDate } from "./values";

type ValueKind = "number" | "string" | "boolean";

/**
 * Builds a typed Table from plain values (what user code returns). Each column takes
 * the type of its values: numbers → integer or number, booleans → boolean, strings →
 * date (ISO 8601), category or text by the CSV reader's rules (its missing tokens too);
 * null is missing. `like` is the table the values were derived from: a column that
 * keeps its name and still fits its old type keeps it, so passing a column through
 * (a category with many levels, whole-valued decimals, a date) does not change it.
 * Throws, naming the column and rows, when a column mixes kinds of value.
 */
export function tableFromCellColumns(data: CellColumns, like: TableSchema = { columns: [] }): Table {
  const previous = new Map(like.columns.map((c) => [c.name, c.type]));
  return {
    rowCount: data.rowCount,
    columns: data.names.map((name, c) => columnFromValues(name, data.columns[c]!, previous.get(name))),
  };
}

function columnFromValues(name: string, values: readonly CellValue[], previous: ColumnType | undefined): Column {
  const firstRow = new Map<ValueKind, number>();
  values.forEach((value, row) => {
    if (value !== null && !firstRow.has(typeof value as ValueKind)) firstRow.set(typeof value as ValueKind, row);
  });
  if (firstRow.size > 1) {
    const seen = [...firstRow].map(([kind, row]) => `row ${row} holds a ${kind}`).join(", ");
    throw new Error(`Column "${name}" mixes kinds of value (${seen}); give each column one kind, e.g. with String() or Number()`);
  }
  const kind = [...firstRow.keys()][0];
  switch (kind) {
    case undefined:
      return emptyColumn(name, values.length, previous ?? "number");
    case "boolean":
      return { name, type: "boolean", values: Float64Array.from(values, (v) => (v === null ? Number.NaN : v ? 1 : 0)) };
    case "number": {
      const numbers = Float64Array.from(values, (v) => (v === null ? Number.NaN : (v as number)));
      const whole = numbers.every((v) => Number.isNaN(v) || Number.isInteger(v));
      return { name, type: whole && previous !== "number" ? "integer" : "number", values: numbers };
    }
  }
  const strings = values.map((v) => (v === null ? "" : (v as string)));
  return buildColumn(name, strings, stringType(strings, previous));
}

function stringType(strings: readonly string[], previous: ColumnType | undefined): ColumnType {
  if (previous === "category" || previous === "text") return previous;
  const present = strings.filter((s) => !isMissingToken(s));
  if (present.length > 0 && present.every((s) => !Number.isNaN(parseIsoDate(s.trim())))) return "date";
  return stringColumnType(strings);
}

function emptyColumn(name: string, rowCount: number, type: ColumnType): Column {
  switch (type) {
    case "category":
      return { name, type, codes: new Int32Array(rowCount).fill(-1), levels: [] };
    case "text":
      return { name, type, values: new Array<string | null>(rowCount).fill(null) };
    default:
      return { name, type, values: new Float64Array(rowCount).fill(Number.NaN) };
  }
}
