import { displayValue } from "../table/cell-text";
import { buildColumn } from "../table/infer";
import { getColumn, isMissing, isNumeric, type Column, type ColumnType, type Table } from "../table/table";
import { replaceColumn } from "./column-set";

/**
 * Changes column types by `{ column: type }`. Between numeric types the numbers
 * are kept (a date is epoch ms); otherwise each cell's display text (ISO date,
 * true/false, level) is read as the new type like a CSV field. Throws naming
 * the column, row and value when a value does not fit the new type.
 */
export function castColumns(table: Table, types: Readonly<Record<string, ColumnType>>): Table {
  let out = table;
  for (const [name, type] of Object.entries(types)) {
    out = replaceColumn(out, name, castColumn(getColumn(out, name), type, table.rowCount));
  }
  return out;
}

function castColumn(column: Column, type: ColumnType, rowCount: number): Column {
  if (column.type === type) return column;
  if (isNumeric(column) && (type === "number" || type === "integer" || type === "boolean" || type === "date")) {
    column.values.forEach((v, r) => {
      const fits = Number.isNaN(v) || (type === "integer" ? Number.isInteger(v) : type === "boolean" ? v === 0 || v === 1 : true);
      if (!fits) throw new Error(`Column "${column.name}": cannot read "${v}" on row ${r + 1} as ${type}.`);
    });
    return { name: column.name, type, values: Float64Array.from(column.values) };
  }
  const texts = Array.from({ length: rowCount }, (_, r) => (isMissing(column, r) ? "" : displayValue(column, r)));
  return buildColumn(column.name, texts, type);
}
