import { accuracy, argmaxRows } from "../metrics/classification";
import { r2Score } from "../metrics/regression";
import type { Targets, Task } from "./types";

/** The single number progress reports show: accuracy for classifiers, R² for regressors. */
export function validationMetric(task: Task, predictions: Float32Array, y: Targets): number {
  return task.kind === "classification" ? accuracy(y, argmaxRows(predictions, task.classes)) : r2Score(y, predictions);
}
