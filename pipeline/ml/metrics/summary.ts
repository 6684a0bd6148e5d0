import { accuracy, argmaxRows, confusionMatrix, precisionRecallF1, type PrecisionRecallF1Report } from "./classification";
import { checkProbabilityShape, checkSameLength } from "./check-inputs";
import { logLoss } from "./log-loss";
import { meanAbsoluteError, meanSquaredError, r2Score } from "./regression";
import { rocAucOneVsRest } from "./roc-auc";

export interface ClassificationMetrics {
  rows: number;
  accuracy: number;
  precisionRecallF1: PrecisionRecallF1Report;
  /** null when y_true holds a single class, where AUC is undefined. */
  rocAuc: number | null;
  logLoss: number;
  confusionMatrix: number[][];
}

export interface RegressionMetrics {
  rows: number;
  mse: number;
  rmse: number;
  mae: number;
  r2: number;
}

/** Everything an Evaluate step reports for a classifier, from its rows × classes probabilities. */
export function classificationMetrics(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, classes: number): ClassificationMetrics {
  checkProbabilityShape("classificationMetrics", yTrue.length, probabilities, classes);
  const yPred = argmaxRows(probabilities, classes);
  const present = new Set(Array.from(yTrue)).size;
  return {
    rows: yTrue.length,
    accuracy: accuracy(yTrue, yPred),
    precisionRecallF1: precisionRecallF1(yTrue, yPred, classes),
    rocAuc: present >= 2 ? rocAucOneVsRest(yTrue, probabilities, classes) : null,
    logLoss: logLoss(yTrue, probabilities, classes),
    confusionMatrix: confusionMatrix(yTrue, yPred, classes),
  };
}

export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  checkSameLength("regressionMetrics", yTrue, yPred);
  const mse = meanSquaredError(yTrue, yPred);
  return {
    rows: yTrue.length,
    mse,
    rmse: Math.sqrt(mse),
    mae: meanAbsoluteError(yTrue, yPred),
    r2: r2Score(yTrue, yPred),
  };
}
