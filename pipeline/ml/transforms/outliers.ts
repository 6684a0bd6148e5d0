import { z } from "zod";
import { parseParams } from "../table/parse-params";
import { getColumn, isNumeric, type Column, type Table } from "../table/table";
import { takeRows } from "../table/take-rows";
import { columnSetSchema, presentValues, replaceColumn, resolveColumns } from "./column-set";
import { mean, populationStd, quantile, sortedCopy } from "./summaries";

export const outlierParamsSchema = columnSetSchema.extend({
  /** "zscore": mean ± threshold·std; "iqr": [Q1 − threshold·IQR, Q3 + threshold·IQR]. */
  method: z.enum(["zscore", "iqr"]),
  /** Default 3 for zscore, 1.5 for iqr. */
  threshold: z.number().positive().optional(),
  /** "drop" removes rows with any value outside its bounds; "clip" moves such values onto the bound. */
  action: z.enum(["drop", "clip"]).default("drop"),
});
export type OutlierParams = z.input<typeof outlierParamsSchema>;

export const outlierStateSchema = z.object({
  kind: z.literal("outliers"),
  action: outlierParamsSchema.shape.action.unwrap(),
  bounds: z.array(z.object({ column: z.string(), lower: z.number(), upper: z.number() })),
});
export type OutlierState = z.infer<typeof outlierStateSchema>;

const isMeasured = (column: Column): boolean => column.type === "number" || column.type === "integer";

/**
 * Learns [lower, upper] bounds per column (default: every number/integer column)
 * from its present values; std is the population std, quartiles interpolate
 * linearly. Columns without values are skipped.
 */
export function fitOutliers(table: Table, params: OutlierParams): OutlierState {
  const p = parseParams(outlierParamsSchema, params, "outlier parameters");
  const threshold = p.threshold ?? (p.method === "zscore" ? 3 : 1.5);
  const bounds: OutlierState["bounds"] = [];
  for (const column of resolveColumns(table, p, isMeasured, "a number or integer column")) {
    if (!isNumeric(column)) continue;
    const values = presentValues(column.values);
    if (values.length === 0) continue;
    if (p.method === "zscore") {
      const center = mean(values);
      const spread = threshold * populationStd(values, center);
      bounds.push({ column: column.name, lower: center - spread, upper: center + spread });
    } else {
      const sorted = sortedCopy(values);
      const q1 = quantile(sorted, 0.25);
      const q3 = quantile(sorted, 0.75);
      const spread = threshold * (q3 - q1);
      bounds.push({ column: column.name, lower: q1 - spread, upper: q3 + spread });
    }
  }
  return { kind: "outliers", action: p.action, bounds };
}

/** Drops or clips values outside the fitted bounds; missing values are neither. */
export function applyOutliers(state: OutlierState, table: Table): Table {
  const s = parseParams(outlierStateSchema, state, "outlier state");
  const columns = s.bounds.map((b) => {
    const column = getColumn(table, b.column);
    if (!isNumeric(column)) throw new Error(`Column "${b.column}" is ${column.type}; outlier bounds need a numeric column.`);
    return { ...b, column };
  });
  if (s.action === "clip") {
    let out = table;
    for (const { column, lower, upper } of columns) {
      const values = column.values.map((v) => (v < lower ? lower : v > upper ? upper : v));
      const type = column.type === "integer" && !(Number.isInteger(lower) && Number.isInteger(upper)) ? "number" : column.type;
      out = replaceColumn(out, column.name, { ...column, type, values });
    }
    return out;
  }
  const keep: number[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    if (columns.every(({ column, lower, upper }) => !(column.values[r]! < lower || column.values[r]! > upper))) keep.push(r);
  }
  return takeRows(table, keep);
}
