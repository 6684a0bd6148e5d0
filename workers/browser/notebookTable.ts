import { cellValue, type CellValue } from "@/pipeline/ml/table/cell-values";
import type { Table } from "@/pipeline/ml/table/table";

export type { CellValue };

/** What `vajra.dataset(...)` gives notebook code: the engine's Table plus row/column helpers. */
export class NotebookTable {
  constructor(readonly table: Table) {}

  get rowCount(): number {
    return this.table.rowCount;
  }

  get columnNames(): string[] {
    return this.table.columns.map((c) => c.name);
  }

  /** One column's values (numbers, strings, booleans; null when missing). */
  column(name: string): CellValue[] {
    const column = this.table.columns.find((c) => c.name === name);
    if (!column) throw new Error(`No column "${name}". Columns: ${this.columnNames.join(", ")}.`);
    return Array.from({ length: this.table.rowCount }, (_, row) => cellValue(column, row));
  }

  /** The rows as objects keyed by column name. */
  rows(): Record<string, CellValue>[] {
    return Array.from({ length: this.table.rowCount }, (_, row) => Object.fromEntries(this.table.columns.map((c) => [c.name, cellValue(c, row)])));
  }

  head(n = 5): Record<string, CellValue>[] {
    return this.rows().slice(0, n);
  }
}
