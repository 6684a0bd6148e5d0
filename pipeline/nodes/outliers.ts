import { z } from "zod";
import { applyOutliers, fitOutliers } from "../ml/transforms/outliers";
import { columnSetParams, defineFittedTransformNode } from "./fittedTransformNode";

export const outliersNode = defineFittedTransformNode({
  kind: "outliers",
  title: "Handle outliers",
  description: "Drops rows, or clips values, outside z-score or IQR bounds learned per numeric column.",
  params: z.object({
    ...columnSetParams,
    method: z.enum(["zscore", "iqr"]).default("iqr").describe("zscore: mean ± threshold·std; iqr: quartiles ± threshold·IQR"),
    threshold: z.number().positive().max(100).optional().describe("Default 3 for zscore, 1.5 for iqr"),
    action: z.enum(["drop", "clip"]).default("clip").describe("drop the row, or clip the value onto the bound"),
  }),
  fit: fitOutliers,
  apply: applyOutliers,
  outputSchema: (_params, input) => input,
});
