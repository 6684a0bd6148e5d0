import { z } from "zod";
import { compareStrings } from "../table/infer";
import { parseParams } from "../table/parse-params";
import { getColumn, isNumeric, type Column, type Table } from "../table/table";
import { columnSetSchema, presentMean, presentValues, replaceColumn, resolveColumns } from "./column-set";
import { numericMode, quantile, sortedCopy } from "./summaries";

export const imputeParamsSchema = columnSetSchema.extend({
  strategy: z.enum(["mean", "median", "mode", "constant"]),
  /** The fill for strategy "constant": a number for numeric columns, a string for category/text ones. */
  value: z.union([z.number(), z.string()]).optional(),
});
export type ImputeParams = z.input<typeof imputeParamsSchema>;

export const imputeStateSchema = z.object({
  kind: z.literal("impute"),
  strategy: imputeParamsSchema.shape.strategy,
  fills: z.array(z.object({ column: z.string(), value: z.union([z.number(), z.string()]) })),
});
export type ImputeState = z.infer<typeof imputeStateSchema>;

/**
 * Learns one fill value per column: mean / median (numeric columns), mode (any
 * column; ties to the smallest value) or a constant. Without `columns`, mean and
 * median take every numeric column, mode every column, constant every column
 * whose kind matches the constant (number → numeric, string → category/text);
 * columns with no value at all are then skipped. A named column with no value
 * to learn from is an error.
 */
export function fitImpute(table: Table, params: ImputeParams): ImputeState {
  const p = parseParams(imputeParamsSchema, params, "impute parameters");
  if (p.strategy === "constant" && p.value === undefined) throw new Error('Impute strategy "constant" needs a value.');
  const accepts = (column: Column): boolean => {
    if (p.strategy === "mean" || p.strategy === "median") return isNumeric(column);
    if (p.strategy === "constant") return typeof p.value === "number" ? isNumeric(column) : !isNumeric(column);
    return true;
  };
  const what =
    p.strategy === "constant"
      ? typeof p.value === "number"
        ? "a numeric column for a numeric constant"
        : "a category or text column for a string constant"
      : "a numeric column";
  const fills: ImputeState["fills"] = [];
  for (const column of resolveColumns(table, p, accepts, what)) {
    const value = p.strategy === "constant" ? p.value! : learnFill(column, p.strategy);
    if (value === null) {
      if (p.columns) throw new Error(`Column "${column.name}" has no values to compute a ${p.strategy} from.`);
      continue;
    }
    fills.push({ column: column.name, value });
  }
  return { kind: "impute", strategy: p.strategy, fills };
}

function learnFill(column: Column, strategy: "mean" | "median" | "mode"): number | string | null {
  if (isNumeric(column)) {
    if (strategy === "mean") return presentMean(column.values);
    const values = presentValues(column.values);
    if (values.length === 0) return null;
    if (strategy === "median") return quantile(sortedCopy(values), 0.5);
    return numericMode(values);
  }
  const counts = new Map<string, number>();
  if (column.type === "category") {
    for (const code of column.codes) if (code >= 0) counts.set(column.levels[code]!, (counts.get(column.levels[code]!) ?? 0) + 1);
  } else {
    for (const value of column.values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && compareStrings(value, best) < 0)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Fills missing cells with the learned values. An integer or boolean column
 * filled with a fractional value becomes a number column; a date column's fill
 * is rounded to the millisecond; a category gains the fill as a level if new.
 */
export function applyImpute(state: ImputeState, table: Table): Table {
  const s = parseParams(imputeStateSchema, state, "impute state");
  let out = table;
  for (const { column: name, value } of s.fills) {
    out = replaceColumn(out, name, fillColumn(getColumn(out, name), value));
  }
  return out;
}

function fillColumn(column: Column, value: number | string): Column {
  if (isNumeric(column)) {
    if (typeof value !== "number") throw new Error(`Column "${column.name}" is ${column.type} but its fill value is text.`);
    const fill = column.type === "date" ? Math.round(value) : value;
    const values = column.values.map((v) => (Number.isNaN(v) ? fill : v));
    const widen = (column.type === "integer" || column.type === "boolean") && !Number.isInteger(fill);
    return { ...column, type: widen ? "number" : column.type, values };
  }
  if (typeof value !== "string") throw new Error(`Column "${column.name}" is ${column.type} but its fill value is a number.`);
  if (column.type === "text") return { ...column, values: column.values.map((v) => v ?? value) };
  let code = column.levels.indexOf(value);
  const levels = code < 0 ? [...column.levels, value] : column.levels;
  if (code < 0) code = levels.length - 1;
  return { ...column, levels, codes: column.codes.map((c) => (c < 0 ? code : c)) };
}
