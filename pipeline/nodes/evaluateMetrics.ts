import type { ModelTask } from "../spec/portTypes";

/** The metric names the Evaluate node reports, per task (rocAuc only where it is defined). */
export const EVALUATE_METRICS = {
  classification: ["accuracy", "macroF1", "weightedF1", "rocAuc", "logLoss"],
  regression: ["rmse", "mae", "mse", "r2"],
} as const satisfies Record<ModelTask, readonly string[]>;

export type EvaluateMetric = (typeof EVALUATE_METRICS)[ModelTask][number];

export const ALL_EVALUATE_METRICS = [...EVALUATE_METRICS.classification, ...EVALUATE_METRICS.regression] as const;

/** How the inspector names each metric; errors and losses say which way is better. */
export const METRIC_LABELS: Record<EvaluateMetric, string> = {
  accuracy: "Accuracy",
  macroF1: "Macro F1",
  weightedF1: "Weighted F1",
  rocAuc: "ROC AUC",
  logLoss: "Log loss (lower is better)",
  rmse: "RMSE (lower is better)",
  mae: "MAE (lower is better)",
  mse: "MSE (lower is better)",
  r2: "R²",
};

/** Errors and losses: a smaller value is the better model. */
const LOWER_IS_BETTER: ReadonlySet<string> = new Set<EvaluateMetric>(["logLoss", "mse", "rmse", "mae"]);

export function lowerIsBetter(metric: string): boolean {
  return LOWER_IS_BETTER.has(metric);
}

export function metricTask(metric: string): ModelTask | undefined {
  if ((EVALUATE_METRICS.classification as readonly string[]).includes(metric)) return "classification";
  if ((EVALUATE_METRICS.regression as readonly string[]).includes(metric)) return "regression";
  return undefined;
}
