import { checkClassIndex, checkNotEmpty, checkSameLength } from "./check-inputs";

/** Labels are class indices 0..classes-1. */
export type ClassLabels = ArrayLike<number>;

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassScores extends PrecisionRecallF1 {
  support: number;
}

export interface PrecisionRecallF1Report {
  perClass: ClassScores[];
  macro: PrecisionRecallF1;
  weighted: PrecisionRecallF1;
}

export function accuracy(yTrue: ClassLabels, yPred: ClassLabels): number {
  checkSameLength("accuracy", yTrue, yPred);
  checkNotEmpty("accuracy", yTrue);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/** matrix[t][p] counts rows whose true class is t and predicted class is p. */
export function confusionMatrix(yTrue: ClassLabels, yPred: ClassLabels, classes: number): number[][] {
  checkSameLength("confusionMatrix", yTrue, yPred);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    const p = yPred[i]!;
    checkClassIndex("confusionMatrix", t, classes, i);
    checkClassIndex("confusionMatrix (prediction)", p, classes, i);
    matrix[t]![p]!++;
  }
  return matrix;
}

/** Undefined ratios (no predictions or no support for a class) count as 0, as scikit-learn does. */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function precisionRecallF1(yTrue: ClassLabels, yPred: ClassLabels, classes: number): PrecisionRecallF1Report {
  checkNotEmpty("precisionRecallF1", yTrue);
  const matrix = confusionMatrix(yTrue, yPred, classes);
  const perClass: ClassScores[] = [];
  for (let c = 0; c < classes; c++) {
    const truePositive = matrix[c]![c]!;
    let predicted = 0;
    let support = 0;
    for (let k = 0; k < classes; k++) {
      predicted += matrix[k]![c]!;
      support += matrix[c]![k]!;
    }
    const precision = ratio(truePositive, predicted);
    const recall = ratio(truePositive, support);
    perClass.push({ precision, recall, f1: ratio(2 * precision * recall, precision + recall), support });
  }
  const total = yTrue.length;
  const average = (weight: (s: ClassScores) => number): PrecisionRecallF1 => {
    const sum = { precision: 0, recall: 0, f1: 0 };
    for (const s of perClass) {
      const w = weight(s);
      sum.precision += w * s.precision;
      sum.recall += w * s.recall;
      sum.f1 += w * s.f1;
    }
    return sum;
  };
  return {
    perClass,
    macro: average(() => 1 / classes),
    weighted: average((s) => s.support / total),
  };
}

/** Row-wise argmax of a rows × classes probability matrix. */
export function argmaxRows(probabilities: ArrayLike<number>, classes: number): Int32Array {
  const rows = Math.floor(probabilities.length / classes);
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = probabilities[r * classes]!;
    for (let c = 1; c < classes; c++) {
      const v = probabilities[r * classes + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}
