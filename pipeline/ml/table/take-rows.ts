import type { Column, Table } from "./table";

/**
 * A new table holding the given rows, in the given order (indices may repeat).
 * Category columns keep their full level list so codes stay comparable with
 * the source table. Throws on an index outside the table.
 */
export function takeRows(table: Table, indices: ArrayLike<number>): Table {
  const n = indices.length;
  for (let i = 0; i < n; i++) {
    const row = indices[i]!;
    if (!Number.isInteger(row) || row < 0 || row >= table.rowCount) {
      throw new Error(`Row index ${row} is outside the table (${table.rowCount} rows).`);
    }
  }
  return { rowCount: n, columns: table.columns.map((column) => takeColumnRows(column, indices)) };
}

function takeColumnRows(column: Column, indices: ArrayLike<number>): Column {
  const n = indices.length;
  switch (column.type) {
    case "category": {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = column.codes[indices[i]!]!;
      return { ...column, codes };
    }
    case "text": {
      const values = new Array<string | null>(n);
      for (let i = 0; i < n; i++) values[i] = column.values[indices[i]!]!;
      return { ...column, values };
    }
    default: {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[indices[i]!]!;
      return { ...column, values };
    }
  }
}
