import { isMissing, type Table } from "../table/table";
import type { RowObject } from "./expression-sandbox";

/**
 * Plain row objects for expression labeling functions: category and text cells as
 * strings, booleans as booleans, numbers and dates (epoch ms) as numbers, missing as null.
 */
export function tableToRowObjects(table: Table): RowObject[] {
  const rows: RowObject[] = Array.from({ length: table.rowCount }, () => ({}));
  for (const column of table.columns) {
    for (let r = 0; r < table.rowCount; r++) {
      const row = rows[r]!;
      if (isMissing(column, r)) row[column.name] = null;
      else if (column.type === "category") row[column.name] = column.levels[column.codes[r]!]!;
      else if (column.type === "text") row[column.name] = column.values[r]!;
      else if (column.type === "boolean") row[column.name] = column.values[r] === 1;
      else row[column.name] = column.values[r]!;
    }
  }
  return rows;
}
