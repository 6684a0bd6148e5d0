import { z } from "zod";
import { MAX_BINS } from "../trees/binning";

export const gradientBoostingParamsSchema = z.object({
  maxIterations: z.number().int().min(1).max(2000).default(100).describe("Boosting rounds (one tree per class per round)"),
  learningRate: z.number().min(0.001).max(1).default(0.1).describe("Shrinkage applied to each tree's output"),
  maxLeafNodes: z.number().int().min(2).max(256).default(31).describe("Leaves per tree (grown best-first)"),
  maxDepth: z.number().int().min(1).max(32).default(12).describe("Maximum depth of each tree"),
  minSamplesLeaf: z.number().int().min(1).max(10_000).default(20).describe("Minimum training rows per leaf"),
  l2Regularization: z.number().min(0).max(100).default(0).describe("L2 penalty λ on leaf values"),
  maxBins: z.number().int().min(2).max(MAX_BINS).default(MAX_BINS).describe("Quantile bins per feature (missing values get their own)"),
  earlyStopping: z
    .enum(["auto", "on", "off"])
    .default("auto")
    .describe("Stop when the validation loss stops improving; auto = on above 10,000 rows or when a validation set is given"),
  validationFraction: z.number().min(0.05).max(0.5).default(0.1).describe("Share of training rows held out for early stopping"),
  nIterNoChange: z.number().int().min(1).max(100).default(10).describe("Rounds without improvement before stopping"),
});
export type GradientBoostingParams = z.infer<typeof gradientBoostingParamsSchema>;
