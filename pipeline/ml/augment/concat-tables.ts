import type { Column, Table } from "../table/table";

/**
 * Stacks tables with the same columns (same names, types and, for categories, the
 * same level lists, as takeRows copies of one table have) one under the other.
 */
export function concatTables(tables: readonly Table[]): Table {
  const first = tables[0];
  if (!first) throw new Error("concatTables needs at least one table");
  const rowCount = tables.reduce((n, t) => n + t.rowCount, 0);
  const columns = first.columns.map((column, c): Column => {
    const parts = tables.map((t) => {
      const part = t.columns[c];
      if (!part || part.name !== column.name || part.type !== column.type) throw new Error(`Tables disagree on column ${c} ("${column.name}")`);
      return part;
    });
    switch (column.type) {
      case "category": {
        const codes = new Int32Array(rowCount);
        let offset = 0;
        for (const part of parts) {
          if (part.type !== "category" || part.levels.join("\u0000") !== column.levels.join("\u0000")) {
            throw new Error(`Tables disagree on the levels of "${column.name}"`);
          }
          codes.set(part.codes, offset);
          offset += part.codes.length;
        }
        return { ...column, codes };
      }
      case "text":
        return { ...column, values: parts.flatMap((part) => (part.type === "text" ? part.values : [])) };
      default: {
        const values = new Float64Array(rowCount);
        let offset = 0;
        for (const part of parts) {
          if (part.type === "category" || part.type === "text") continue;
          values.set(part.values, offset);
          offset += part.values.length;
        }
        return { ...column, values };
      }
    }
  });
  return { rowCount, columns };
}
