export { accuracy, argmaxRows, confusionMatrix, precisionRecallF1 } from "./classification";
export type { ClassLabels, ClassScores, PrecisionRecallF1, PrecisionRecallF1Report } from "./classification";
export { rocAuc, rocAucOneVsRest } from "./roc-auc";
export { logLoss } from "./log-loss";
export { meanAbsoluteError, meanSquaredError, r2Score } from "./regression";
export { classificationMetrics, regressionMetrics } from "./summary";
export type { ClassificationMetrics, RegressionMetrics } from "./summary";
export { classificationMetricsBySlice, groupRowsBySlice, metricsBySlice, regressionMetricsBySlice } from "./slices";
export type { SliceKey, SliceResult } from "./slices";
