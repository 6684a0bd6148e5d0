import type { ModelTask } from "../spec/portTypes";

/** The metric names the Evaluate node reports, per task (rocAuc only where it is defined). */
export const EVALUATE_METRICS = {
  classification: ["accuracy", "macroF1", "weightedF1", "rocAuc", "logLoss"],
  regression: ["rmse", "mae", "mse", "r2"],
} as const satisfies Record<ModelTask, readonly string[]>;

export type EvaluateMetric = (typeof EVALUATE_METRICS)[ModelTask][number];

export const ALL_EVALUATE_METRICS = [...EVALUATE_METRICS.classification, ...EVALUATE_METRICS.regression] as const;

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
