import { z } from "zod";

/** Ridge regression (scikit-learn's Ridge): least squares plus alpha·‖w‖², intercept not penalised. */
export const ridgeParamsSchema = z.object({
  // The tuner searches max / 10⁴ to max on a log scale: 0.1–1,000, around RidgeCV's default 0.1–10.
  alpha: z.number().min(0).max(1000).default(1).describe("L2 penalty on the coefficients (scikit-learn's Ridge alpha); 0 is ordinary least squares"),
});

/**
 * Logistic regression (scikit-learn's LogisticRegression): the sum of the rows' log-losses plus
 * ‖W‖² / (2C), intercepts not penalised; binary targets get one weight vector, more classes softmax.
 */
export const logisticParamsSchema = z.object({
  // LogisticRegressionCV's default range.
  C: z.number().min(1e-4).max(1e4).default(1).describe("Inverse L2 strength (scikit-learn's C): smaller values regularise more"),
  maxIterations: z.number().int().min(1).max(10_000).default(100).describe("Newton or L-BFGS iterations before stopping"),
  solver: z
    .enum(["auto", "newton", "lbfgs"])
    .default("auto")
    .describe("auto: Newton's method while the Hessian is small (few features × classes), else L-BFGS; both reach the same optimum"),
});

export type RidgeParams = z.infer<typeof ridgeParamsSchema>;
export type LogisticParams = z.infer<typeof logisticParamsSchema>;
