import { compareStrings } from "./infer";
import { displayValue } from "./cell-text";
import { isMissing, type Column, type ColumnType, type Table } from "./table";

export interface ValueCount {
  value: string;
  count: number;
}

/** Summary of one column over the sampled rows, for the data-preview UI. */
export interface ColumnStats {
  name: string;
  type: ColumnType;
  /** Rows examined (the sample size). */
  count: number;
  missing: number;
  /** missing / count; 0 for an empty table. */
  missingFraction: number;
  /** Distinct non-missing values among the examined rows. */
  distinct: number;
  /** Numeric, boolean and date columns only (dates in epoch ms); null when there is no value. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Sample standard deviation (n − 1, as pandas' describe); null with fewer than two values. */
  std: number | null;
  /** Most frequent values, most frequent first, ties by value. Values as display text. */
  top: ValueCount[];
}

export interface TableStats {
  rowCount: number;
  sampledRows: number;
  columns: ColumnStats[];
}

export interface StatsOptions {
  /** Examine at most this many rows, evenly spaced through the table (default 10 000). */
  sampleSize?: number;
  /** How many top values to report per column (default 5). */
  topK?: number;
}

/** Per-column statistics over an evenly spaced, deterministic sample of rows. */
export function describeTable(table: Table, options: StatsOptions = {}): TableStats {
  const sampleSize = Math.max(1, options.sampleSize ?? 10_000);
  const topK = options.topK ?? 5;
  const rows = sampleRows(table.rowCount, sampleSize);
  return {
    rowCount: table.rowCount,
    sampledRows: rows.length,
    columns: table.columns.map((column) => describeColumn(column, rows, topK)),
  };
}

function sampleRows(rowCount: number, sampleSize: number): Int32Array {
  if (rowCount <= sampleSize) return Int32Array.from({ length: rowCount }, (_, r) => r);
  return Int32Array.from({ length: sampleSize }, (_, i) => Math.floor((i * rowCount) / sampleSize));
}

export function describeColumn(column: Column, rows: Int32Array, topK: number): ColumnStats {
  const counts = new Map<string, number>();
  let missing = 0;
  let present = 0;
  let mean = 0;
  let m2 = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const numeric = column.type !== "category" && column.type !== "text";

  for (const row of rows) {
    if (isMissing(column, row)) {
      missing++;
      continue;
    }
    present++;
    const key = displayValue(column, row);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (numeric) {
      const x = column.values[row]!;
      // Welford's update: stable for large values such as epoch-ms dates.
      const delta = x - mean;
      mean += delta / present;
      m2 += delta * (x - mean);
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }

  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))
    .slice(0, topK)
    .map(([value, count]) => ({ value, count }));
  const hasNumbers = numeric && present > 0;
  return {
    name: column.name,
    type: column.type,
    count: rows.length,
    missing,
    missingFraction: rows.length === 0 ? 0 : missing / rows.length,
    distinct: counts.size,
    min: hasNumbers ? min : null,
    max: hasNumbers ? max : null,
    mean: hasNumbers ? mean : null,
    std: numeric && present > 1 ? Math.sqrt(m2 / (present - 1)) : null,
    top,
  };
}
