import { z } from "zod";
import { applyImpute, fitImpute } from "../ml/transforms/impute";
import { columnSetParams, defineFittedTransformNode } from "./fittedTransformNode";

export const imputeNode = defineFittedTransformNode({
  kind: "impute",
  title: "Impute missing",
  description: "Fills missing values with each column's mean, median, mode, or a constant.",
  params: z.object({
    ...columnSetParams,
    strategy: z.enum(["mean", "median", "mode", "constant"]).default("median").describe("How the fill value is chosen"),
    value: z.union([z.number(), z.string()]).optional().describe('Fill value for strategy "constant"'),
  }),
  fit: fitImpute,
  apply: applyImpute,
  outputSchema: (_params, input) => input,
});
