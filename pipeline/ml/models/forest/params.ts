import { z } from "zod";
import { MAX_BINS } from "../trees/binning";

export const randomForestParamsSchema = z.object({
  nEstimators: z.number().int().min(1).max(1000).default(100).describe("Number of trees"),
  maxDepth: z.number().int().min(1).max(64).default(32).describe("Maximum depth of each tree"),
  minSamplesLeaf: z.number().int().min(1).max(10_000).default(1).describe("Minimum (bootstrap-weighted) rows per leaf"),
  maxFeatures: z.enum(["sqrt", "log2", "third", "all"]).default("sqrt").describe("Features tried at each split: √p, log₂p, p/3 or all p"),
  bootstrap: z.boolean().default(true).describe("Train each tree on a bootstrap resample of the rows"),
  maxBins: z.number().int().min(2).max(MAX_BINS).default(MAX_BINS).describe("Quantile bins per feature (missing values get their own)"),
});
export type RandomForestParams = z.infer<typeof randomForestParamsSchema>;

export function featuresPerSplit(rule: RandomForestParams["maxFeatures"], cols: number): number {
  const n = { sqrt: Math.sqrt(cols), log2: Math.log2(cols), third: cols / 3, all: cols }[rule];
  return Math.min(cols, Math.max(1, Math.round(n)));
}
