import { z } from "zod";
import { getColumn, type Column, type Table } from "../table/table";

/** Which columns a transform acts on: `columns` if given, else every column `accepts` allows, minus `exclude`. */
export const columnSetSchema = z.object({
  columns: z.array(z.string().min(1)).optional(),
  exclude: z.array(z.string().min(1)).optional(),
});
export type ColumnSet = z.infer<typeof columnSetSchema>;

/**
 * Resolves a column set against a table. Named columns must exist and be
 * accepted (else an Error naming the column and `what` it needs to be);
 * unnamed ones are picked silently by `accepts`.
 */
export function resolveColumns(table: Table, set: ColumnSet, accepts: (column: Column) => boolean, what: string): Column[] {
  const excluded = new Set(set.exclude ?? []);
  for (const name of excluded) getColumn(table, name);
  if (set.columns) {
    return set.columns
      .filter((name) => !excluded.has(name))
      .map((name) => {
        const column = getColumn(table, name);
        if (!accepts(column)) throw new Error(`Column "${name}" is ${column.type}; this step needs ${what}.`);
        return column;
      });
  }
  return table.columns.filter((column) => !excluded.has(column.name) && accepts(column));
}

/** A copy of `table` with the named column replaced (same position). */
export function replaceColumn(table: Table, name: string, replacement: Column): Table {
  return { ...table, columns: table.columns.map((column) => (column.name === name ? replacement : column)) };
}

/** Present numeric values of a column, in row order. */
export function presentValues(values: Float64Array): Float64Array {
  let n = 0;
  for (let r = 0; r < values.length; r++) if (!Number.isNaN(values[r]!)) n++;
  const out = new Float64Array(n);
  let i = 0;
  for (let r = 0; r < values.length; r++) {
    const v = values[r]!;
    if (!Number.isNaN(v)) out[i++] = v;
  }
  return out;
}

/**
 * mean(presentValues(values)) without the copy, summed in the same order so it is the same number;
 * null when no value is present. Fitting the featurizer on 80,000 × 20 spent 26 ms copying columns
 * (fresh memory is slow to touch) just to average them.
 */
export function presentMean(values: Float64Array): number | null {
  let sum = 0;
  let n = 0;
  for (let r = 0; r < values.length; r++) {
    const v = values[r]!;
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}
