import { z } from "zod";
import { parseParams } from "../table/parse-params";
import { getColumn, isNumeric, type Column, type Table } from "../table/table";
import { columnSetSchema, presentValues, replaceColumn, resolveColumns } from "./column-set";
import { mean, populationStd } from "./summaries";

export const scaleParamsSchema = columnSetSchema.extend({
  /** "standard": (x − mean) / std; "minmax": (x − min) / (max − min). */
  method: z.enum(["standard", "minmax"]),
});
export type ScaleParams = z.input<typeof scaleParamsSchema>;

export const scaleStateSchema = z.object({
  kind: z.literal("scale"),
  method: scaleParamsSchema.shape.method,
  /** x' = (x − offset) / scale. */
  columns: z.array(z.object({ column: z.string(), offset: z.number(), scale: z.number() })),
});
export type ScaleState = z.infer<typeof scaleStateSchema>;

const isScalable = (column: Column): boolean => column.type === "number" || column.type === "integer";

/**
 * Learns offset and scale per column (default: every number/integer column) from
 * the present values. std is the population std (÷ n), like scikit-learn. A
 * constant column gets scale 1 (and so maps to 0); a column with no values
 * gets offset 0, scale 1 (left as is).
 */
export function fitScale(table: Table, params: ScaleParams): ScaleState {
  const p = parseParams(scaleParamsSchema, params, "scale parameters");
  const columns = resolveColumns(table, p, isScalable, "a number or integer column").map((column) => {
    const values = isNumeric(column) ? presentValues(column.values) : new Float64Array(0);
    if (values.length === 0) return { column: column.name, offset: 0, scale: 1 };
    if (p.method === "standard") {
      const center = mean(values);
      return { column: column.name, offset: center, scale: populationStd(values, center) || 1 };
    }
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { column: column.name, offset: min, scale: max - min || 1 };
  });
  return { kind: "scale", method: p.method, columns };
}

/** Rescales the fitted columns into number columns; missing stays NaN. */
export function applyScale(state: ScaleState, table: Table): Table {
  const s = parseParams(scaleStateSchema, state, "scale state");
  let out = table;
  for (const { column: name, offset, scale } of s.columns) {
    const column = getColumn(out, name);
    if (!isNumeric(column)) throw new Error(`Column "${name}" is ${column.type}; scaling needs a numeric column.`);
    out = replaceColumn(out, name, { name, type: "number", values: column.values.map((v) => (v - offset) / scale) });
  }
  return out;
}
