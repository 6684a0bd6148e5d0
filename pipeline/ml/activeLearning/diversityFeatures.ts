import { tokenize } from "../models/text/vectorizer";
import { fnv1a32 } from "../split/row-hash";
import { getColumn, isMissing, type Column, type Table, type TextColumn } from "../table/table";
import type { Points } from "./kMeans";

/** Buckets a text column's words are hashed into: enough to tell topics apart, small enough to cluster fast. */
export const TEXT_BUCKETS = 64;

function width(column: Column): number {
  if (column.type === "category") return column.levels.length;
  if (column.type === "text") return TEXT_BUCKETS;
  return 1;
}

/** Standardised over the given rows (so no column dominates the distance); a missing value sits at the mean. */
function fillNumeric(values: Float64Array, rows: readonly number[], out: Float64Array, dims: number, offset: number): void {
  const present = rows.map((r) => values[r]!).filter((v) => !Number.isNaN(v));
  const mean = present.reduce((sum, v) => sum + v, 0) / Math.max(present.length, 1);
  const variance = present.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(present.length, 1);
  const std = variance > 1e-12 ? Math.sqrt(variance) : 1;
  rows.forEach((r, i) => {
    const v = values[r]!;
    out[i * dims + offset] = Number.isNaN(v) ? 0 : (v - mean) / std;
  });
}

/** Word counts hashed into TEXT_BUCKETS, scaled to unit length so long and short texts compare by topic. */
function fillText(column: TextColumn, rows: readonly number[], out: Float64Array, dims: number, offset: number): void {
  rows.forEach((r, i) => {
    const base = i * dims + offset;
    for (const word of tokenize(column.values[r] ?? null, 1)) out[base + (fnv1a32(word) % TEXT_BUCKETS)]! += 1;
    let norm = 0;
    for (let b = 0; b < TEXT_BUCKETS; b++) norm += out[base + b]! ** 2;
    if (norm > 0) for (let b = 0; b < TEXT_BUCKETS; b++) out[base + b]! /= Math.sqrt(norm);
  });
}

/**
 * The given rows of a table as points to cluster for a diverse batch: numbers standardised,
 * categories one-hot, text as hashed bags of words. Only `columns` (the model's features) count,
 * so two rows differ where the model can see a difference.
 */
export function diversityPoints(table: Table, columns: readonly string[], rows: readonly number[]): Points {
  const selected = columns.map((name) => getColumn(table, name));
  const dims = selected.reduce((sum, column) => sum + width(column), 0);
  const data = new Float64Array(rows.length * dims);
  let offset = 0;
  for (const column of selected) {
    if (column.type === "category") {
      rows.forEach((r, i) => {
        if (!isMissing(column, r)) data[i * dims + offset + column.codes[r]!] = 1;
      });
    } else if (column.type === "text") fillText(column, rows, data, dims, offset);
    else fillNumeric(column.values, rows, data, dims, offset);
    offset += width(column);
  }
  return { data, count: rows.length, dims };
}
