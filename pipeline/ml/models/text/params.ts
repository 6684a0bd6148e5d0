import { z } from "zod";
import { logisticRegressionParamsSchema } from "../neural/params";

export const textClassifierParamsSchema = logisticRegressionParamsSchema.extend({
  minCount: z.number().int().min(1).max(1000).default(2).describe("Minimum number of documents a term must appear in"),
  maxFeatures: z.number().int().min(10).max(200_000).default(10_000).describe("Vocabulary size cap (most frequent terms kept)"),
  ngramMax: z.number().int().min(1).max(2).default(2).describe("Longest n-gram: 1 = words, 2 = words and word pairs"),
  weighting: z.enum(["tfidf", "count", "binary"]).default("tfidf").describe("Term weighting of the bag of words"),
  sublinearTf: z.boolean().default(true).describe("Use 1 + log(count) instead of the raw term count"),
  hiddenUnits: z.number().int().min(0).max(1024).default(0).describe("Hidden units before the output layer; 0 = logistic regression"),
  epochs: z.number().int().min(1).max(1000).default(30),
  learningRate: z.number().min(1e-5).max(1).default(0.01),
  batchSize: z.number().int().min(1).max(4096).default(64),
  l2: z.number().min(0).max(1).default(0.00001),
  earlyStopping: z.boolean().default(true),
  patience: z.number().int().min(1).max(200).default(3),
});
export type TextClassifierParams = z.infer<typeof textClassifierParamsSchema>;
