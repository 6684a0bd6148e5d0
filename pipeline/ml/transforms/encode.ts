import { z } from "zod";
import { compareStrings } from "../table/infer";
import { parseParams } from "../table/parse-params";
import { getColumn, type Column, type Table } from "../table/table";
import { columnSetSchema, resolveColumns } from "./column-set";

export const encodeParamsSchema = columnSetSchema.extend({
  /** "onehot": one 0/1 column per level, named "column=level"; "ordinal": the level's index. */
  method: z.enum(["onehot", "ordinal"]),
});
export type EncodeParams = z.input<typeof encodeParamsSchema>;

export const encodeStateSchema = z.object({
  kind: z.literal("encode"),
  method: encodeParamsSchema.shape.method,
  columns: z.array(z.object({ column: z.string(), levels: z.array(z.string()) })),
});
export type EncodeState = z.infer<typeof encodeStateSchema>;

const isEncodable = (column: Column): boolean => column.type === "category" || column.type === "text";

/**
 * Learns, per column (default: every category column; text columns only when
 * named), the sorted list of values present in the fitting table.
 */
export function fitEncode(table: Table, params: EncodeParams): EncodeState {
  const p = parseParams(encodeParamsSchema, params, "encode parameters");
  const accepts = p.columns === undefined ? (column: Column) => column.type === "category" : isEncodable;
  const columns = resolveColumns(table, p, accepts, "a category or text column").map((column) => ({
    column: column.name,
    levels: presentLevels(column),
  }));
  return { kind: "encode", method: p.method, columns };
}

/** Sorted distinct present values of a category or text column. */
export function presentLevels(column: Column): string[] {
  const seen = new Set<string>();
  if (column.type === "category") for (const code of column.codes) if (code >= 0) seen.add(column.levels[code]!);
  if (column.type === "text") for (const value of column.values) if (value !== null) seen.add(value);
  return [...seen].sort(compareStrings);
}

/**
 * For each row, the index of its value in `levels`: -1 for a value not in
 * `levels` (unseen at fit time), -2 for a missing value. Matches by text, so the
 * applied table's own level order does not matter.
 */
export function levelIndices(column: Column, levels: readonly string[]): Int32Array {
  const index = new Map(levels.map((level, i) => [level, i]));
  if (column.type === "category") {
    const byCode = column.levels.map((level) => index.get(level) ?? -1);
    return column.codes.map((code) => (code < 0 ? -2 : byCode[code]!));
  }
  if (column.type === "text") return Int32Array.from(column.values, (v) => (v === null ? -2 : (index.get(v) ?? -1)));
  throw new Error(`Column "${column.name}" is ${column.type}; encoding needs a category or text column.`);
}

/**
 * One-hot: replaces each column, in place, by one boolean column per fitted
 * level; missing and unseen values give all zeros. Ordinal: replaces it by an
 * integer column of level indices; unseen → -1, missing → NaN.
 */
export function applyEncode(state: EncodeState, table: Table): Table {
  const s = parseParams(encodeStateSchema, state, "encode state");
  const byName = new Map(s.columns.map((c) => [c.column, c.levels]));
  for (const name of byName.keys()) getColumn(table, name);
  const taken = new Set(table.columns.map((c) => c.name));
  const columns: Column[] = [];
  for (const column of table.columns) {
    const levels = byName.get(column.name);
    if (levels === undefined) {
      columns.push(column);
      continue;
    }
    const indices = levelIndices(column, levels);
    if (s.method === "ordinal") {
      columns.push({ name: column.name, type: "integer", values: Float64Array.from(indices, (i) => (i === -2 ? Number.NaN : i)) });
      continue;
    }
    levels.forEach((level, k) => {
      const name = `${column.name}=${level}`;
      if (taken.has(name)) throw new Error(`One-hot column "${name}" would clash with an existing column.`);
      columns.push({ name, type: "boolean", values: Float64Array.from(indices, (i) => (i === k ? 1 : 0)) });
    });
  }
  return { rowCount: table.rowCount, columns };
}
