import { cellKey } from "../table/cell-text";
import { getColumn, isMissing, type Table } from "../table/table";
import { takeRows } from "../table/take-rows";

/**
 * Keeps the first of each group of rows equal on `columns` (default: all).
 * Cells compare by canonical value, and missing equals missing.
 */
export function dropDuplicates(table: Table, columns?: readonly string[]): Table {
  const keyColumns = columns ? columns.map((name) => getColumn(table, name)) : table.columns;
  const seen = new Set<string>();
  const keep: number[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    // Length-prefixed cells, so no cell text can fake a column boundary.
    let key = "";
    for (const column of keyColumns) {
      const cell = isMissing(column, r) ? "\u0000" : cellKey(column, r);
      key += `${cell.length}:${cell}`;
    }
    if (!seen.has(key)) {
      seen.add(key);
      keep.push(r);
    }
  }
  return takeRows(table, keep);
}

/**
 * Drops rows with a missing value in `columns` (default: all): with `how`
 * "any" (default) if any of them is missing, with "all" only if all are.
 */
export function dropMissing(table: Table, options: { columns?: readonly string[]; how?: "any" | "all" } = {}): Table {
  const checked = options.columns ? options.columns.map((name) => getColumn(table, name)) : table.columns;
  const how = options.how ?? "any";
  const keep: number[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const missing = checked.filter((column) => isMissing(column, r)).length;
    const drop = how === "any" ? missing > 0 : missing === checked.length && checked.length > 0;
    if (!drop) keep.push(r);
  }
  return takeRows(table, keep);
}
