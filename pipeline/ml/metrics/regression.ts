import { checkNotEmpty, checkSameLength } from "./check-inputs";

export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength("meanSquaredError", yTrue, yPred);
  checkNotEmpty("meanSquaredError", yTrue);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i]! - yPred[i]!) ** 2;
  return sum / yTrue.length;
}

export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength("meanAbsoluteError", yTrue, yPred);
  checkNotEmpty("meanAbsoluteError", yTrue);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += Math.abs(yTrue[i]! - yPred[i]!);
  return sum / yTrue.length;
}

/**
 * Coefficient of determination 1 - SS_res / SS_tot. When y_true is constant SS_tot is 0:
 * a perfect fit scores 1 and anything else 0, so the value stays finite (scikit-learn's choice).
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength("r2Score", yTrue, yPred);
  checkNotEmpty("r2Score", yTrue);
  let mean = 0;
  for (let i = 0; i < yTrue.length; i++) mean += yTrue[i]!;
  mean /= yTrue.length;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    residual += (yTrue[i]! - yPred[i]!) ** 2;
    total += (yTrue[i]! - mean) ** 2;
  }
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}
