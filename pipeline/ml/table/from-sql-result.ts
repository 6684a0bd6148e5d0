import type { SqlCell, SqlQueryResult } from "../../spec/sqlSource";
import { buildColumn, stringColumnType } from "./infer";
import type { Column, Table } from "./table";
import { parseIsoDate } from "./values";

/**
 * A query result as a Table, typed by what the database said each column is (not by guessing from text):
 * numbers → integer when every value is whole, else number; booleans; dates as epoch ms; strings → category
 * or text by the CSV reader's rules. SQL NULL is missing.
 */
export function tableFromSqlResult(result: SqlQueryResult): Table {
  const names = new Set<string>();
  const columns = result.columns.map((column, c): Column => {
    // Two result columns may share a name (SELECT a.id, b.id): the table needs distinct ones.
    let name = column.name || `column_${c + 1}`;
    for (let n = 2; names.has(name); n++) name = `${column.name}_${n}`;
    names.add(name);
    const cells = result.rows.map((row) => row[c] ?? null);
    switch (column.type) {
      case "number": {
        const values = Float64Array.from(cells, (cell) => (typeof cell === "number" ? cell : cell === null ? Number.NaN : Number(cell)));
        return { name, type: values.every((v) => Number.isNaN(v) || Number.isInteger(v)) ? "integer" : "number", values };
      }
      case "boolean":
        return { name, type: "boolean", values: Float64Array.from(cells, (cell) => (cell === null ? Number.NaN : cell === true ? 1 : 0)) };
      case "date":
        return { name, type: "date", values: Float64Array.from(cells, (cell) => (cell === null ? Number.NaN : parseIsoDate(String(cell)))) };
      case "string": {
        const strings = cells.map(textOf);
        return buildColumn(name, strings, stringColumnType(strings));
      }
    }
  });
  return { rowCount: result.rows.length, columns };
}

function textOf(cell: SqlCell): string {
  return cell === null ? "" : String(cell);
}
