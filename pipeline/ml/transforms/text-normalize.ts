import { z } from "zod";
import { compareStrings } from "../table/infer";
import { parseParams } from "../table/parse-params";
import { getColumn, type Column, type Table } from "../table/table";
import { columnSetSchema, replaceColumn, resolveColumns } from "./column-set";

export const textNormalizeParamsSchema = columnSetSchema.extend({
  lowercase: z.boolean().default(true),
  /** Replace Unicode punctuation and symbols by spaces (so "end.Start" stays two words). */
  stripPunctuation: z.boolean().default(true),
  /** Collapse runs of whitespace to one space and trim. */
  collapseWhitespace: z.boolean().default(true),
});
export type TextNormalizeParams = z.input<typeof textNormalizeParamsSchema>;

export const textNormalizeStateSchema = z.object({
  kind: z.literal("normalizeText"),
  columns: z.array(z.string()),
  lowercase: z.boolean(),
  stripPunctuation: z.boolean(),
  collapseWhitespace: z.boolean(),
});
export type TextNormalizeState = z.infer<typeof textNormalizeStateSchema>;

const PUNCTUATION = /[\p{P}\p{S}]/gu;
const WHITESPACE = /\s+/gu;

/**
 * Nothing is learned from the data; the "state" records which columns (default:
 * every text column; category columns when named) and options, so the same
 * normalisation travels with a deployed model.
 */
export function fitTextNormalize(table: Table, params: TextNormalizeParams): TextNormalizeState {
  const p = parseParams(textNormalizeParamsSchema, params, "text normalisation parameters");
  const accepts = (column: Column): boolean => column.type === "text" || (p.columns !== undefined && column.type === "category");
  const columns = resolveColumns(table, p, accepts, "a text or category column").map((c) => c.name);
  return { kind: "normalizeText", columns, lowercase: p.lowercase, stripPunctuation: p.stripPunctuation, collapseWhitespace: p.collapseWhitespace };
}

export function normalizeString(text: string, options: Omit<TextNormalizeState, "kind" | "columns">): string {
  let out = options.lowercase ? text.toLowerCase() : text;
  if (options.stripPunctuation) out = out.replace(PUNCTUATION, " ");
  if (options.collapseWhitespace) out = out.replace(WHITESPACE, " ").trim();
  return out;
}

/** Normalises the recorded columns; category levels that become equal are merged. */
export function applyTextNormalize(state: TextNormalizeState, table: Table): Table {
  const s = parseParams(textNormalizeStateSchema, state, "text normalisation state");
  let out = table;
  for (const name of s.columns) {
    const column = getColumn(out, name);
    if (column.type === "text") {
      out = replaceColumn(out, name, { ...column, values: column.values.map((v) => (v === null ? null : normalizeString(v, s))) });
    } else if (column.type === "category") {
      const normalized = column.levels.map((level) => normalizeString(level, s));
      const levels = [...new Set(normalized)].sort(compareStrings);
      const index = new Map(levels.map((level, i) => [level, i]));
      const remap = normalized.map((level) => index.get(level)!);
      out = replaceColumn(out, name, { ...column, levels, codes: column.codes.map((c) => (c < 0 ? c : remap[c]!)) });
    } else {
      throw new Error(`Column "${name}" is ${column.type}; text normalisation needs a text or category column.`);
    }
  }
  return out;
}
