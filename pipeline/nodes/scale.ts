import { z } from "zod";
import { applyScale, fitScale } from "../ml/transforms/scale";
import { columnSetParams, defineFittedTransformNode, selectedColumns } from "./fittedTransformNode";

export const scaleNode = defineFittedTransformNode({
  kind: "scale",
  title: "Scale numbers",
  description: "Standardises numeric columns to mean 0 / std 1, or rescales them to [0, 1].",
  params: z.object({
    ...columnSetParams,
    method: z.enum(["standard", "minmax"]).default("standard").describe("standard: (x − mean) / std; minmax: (x − min) / (max − min)"),
  }),
  fit: fitScale,
  apply: applyScale,
  outputSchema: (params, input) => {
    const scaled = selectedColumns(params, input, (type) => type === "number" || type === "integer");
    return { ...input, columns: input.columns.map((c) => (scaled.has(c.name) ? { name: c.name, type: "number" as const } : c)) };
  },
});
