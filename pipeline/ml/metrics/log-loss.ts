import { checkClassIndex, checkNotEmpty, checkProbabilityShape } from "./check-inputs";

/**
 * Mean negative log-likelihood of the true class. Probabilities are clipped to
 * [eps, 1 - eps] so one confident mistake gives a large but finite loss.
 */
export function logLoss(yTrue: ArrayLike<number>, probabilities: ArrayLike<number>, classes: number, eps = 1e-15): number {
  checkNotEmpty("logLoss", yTrue);
  checkProbabilityShape("logLoss", yTrue.length, probabilities, classes);
  let total = 0;
  for (let r = 0; r < yTrue.length; r++) {
    const t = yTrue[r]!;
    checkClassIndex("logLoss", t, classes, r);
    const p = Math.min(1 - eps, Math.max(eps, probabilities[r * classes + t]!));
    total -= Math.log(p);
  }
  return total / yTrue.length;
}
