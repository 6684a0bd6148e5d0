import { describe, expect, it } from "vitest";
import {
  accuracy,
  argmaxRows,
  classificationMetrics,
  classificationMetricsBySlice,
  confusionMatrix,
  groupRowsBySlice,
  logLoss,
  meanAbsoluteError,
  meanSquaredError,
  precisionRecallF1,
  r2Score,
  regressionMetrics,
  regressionMetricsBySlice,
  rocAuc,
  rocAucOneVsRest,
} from "./index";

// Shared 3-class example: true [0,1,2,2,1], predicted [0,2,2,2,1].
const yTrue = [0, 1, 2, 2, 1];
const yPred = [0, 2, 2, 2, 1];

describe("classification metrics", () => {
  it("accuracy counts exact matches", () => {
    // 4 of 5 rows match.
    expect(accuracy(yTrue, yPred)).toBeCloseTo(0.8, 12);
  });

  it("confusion matrix has true classes as rows", () => {
    expect(confusionMatrix(yTrue, yPred, 3)).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 2],
    ]);
  });

  it("precision / recall / F1 per class, macro and weighted", () => {
    const report = precisionRecallF1(yTrue, yPred, 3);
    // class 0: TP 1, predicted 1, support 1 → P 1, R 1, F1 1
    // class 1: TP 1, predicted 1, support 2 → P 1, R 1/2, F1 2·(1/2)/(3/2) = 2/3
    // class 2: TP 2, predicted 3, support 2 → P 2/3, R 1, F1 2·(2/3)/(5/3) = 4/5
    const expected = [
      [1, 1, 1, 1],
      [1, 0.5, 2 / 3, 2],
      [2 / 3, 1, 0.8, 2],
    ];
    report.perClass.forEach((s, c) => {
      expect(s.precision).toBeCloseTo(expected[c]![0]!, 12);
      expect(s.recall).toBeCloseTo(expected[c]![1]!, 12);
      expect(s.f1).toBeCloseTo(expected[c]![2]!, 12);
      expect(s.support).toBe(expected[c]![3]);
    });
    // macro = plain mean over classes
    expect(report.macro.precision).toBeCloseTo((1 + 1 + 2 / 3) / 3, 12);
    expect(report.macro.recall).toBeCloseTo((1 + 0.5 + 1) / 3, 12);
    expect(report.macro.f1).toBeCloseTo((1 + 2 / 3 + 0.8) / 3, 12);
    // weighted by support 1, 2, 2 out of 5
    expect(report.weighted.precision).toBeCloseTo((1 + 2 + 4 / 3) / 5, 12);
    expect(report.weighted.recall).toBeCloseTo(0.8, 12);
    expect(report.weighted.f1).toBeCloseTo((1 + 4 / 3 + 1.6) / 5, 12);
  });

  it("a class that is never predicted has precision 0, not NaN", () => {
    // true [0,1], predicted [0,0]: class 1 never predicted → P 0, R 0, F1 0; class 0 P 1/2, R 1.
    const report = precisionRecallF1([0, 1], [0, 0], 2);
    expect(report.perClass[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.perClass[0]!.precision).toBeCloseTo(0.5, 12);
    expect(report.perClass[0]!.f1).toBeCloseTo(2 / 3, 12);
  });

  it("argmaxRows picks the first maximum per row", () => {
    expect(Array.from(argmaxRows([0.2, 0.8, 0.5, 0.5, 0.9, 0.1], 2))).toEqual([1, 0, 0]);
  });

  it("rejects out-of-range labels and mismatched lengths", () => {
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/label 3 at row 1/);
    expect(() => accuracy([0, 1], [0])).toThrow(/2 rows but the predictions have 1/);
    expect(() => accuracy([], [])).toThrow(/no rows/);
  });
});

describe("ROC AUC", () => {
  it("binary AUC is the fraction of correctly ordered positive/negative pairs", () => {
    // positives score 0.35, 0.8; negatives 0.1, 0.4. Pairs won: 0.35>0.1, 0.8>0.1, 0.8>0.4 → 3/4.
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });

  it("tied scores count one half", () => {
    // positives 0.5, 0.9; negatives 0.5, 0.2. Pairs: tie ½, win, win, win → 3.5/4.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9])).toBeCloseTo(0.875, 12);
    // All scores tied → chance level.
    expect(rocAuc([0, 1, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.5, 12);
  });

  it("needs both classes", () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(/only one class/);
  });

  it("multiclass one-vs-rest macro average", () => {
    const probs = [0.6, 0.3, 0.1, 0.2, 0.5, 0.3, 0.3, 0.3, 0.4, 0.3, 0.5, 0.2];
    const y = [0, 1, 2, 0];
    // class 0: pos {0.6, 0.3} vs neg {0.2, 0.3}: 1+1+1+½ → 3.5/4 = 0.875
    // class 1: pos {0.5} vs neg {0.3, 0.3, 0.5}: 1+1+½ → 2.5/3
    // class 2: pos {0.4} vs neg {0.1, 0.3, 0.2}: 3/3 = 1
    expect(rocAucOneVsRest(y, probs, 3)).toBeCloseTo((0.875 + 2.5 / 3 + 1) / 3, 12);
  });

  it("two-class probabilities use the class-1 column", () => {
    const probs = [0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8];
    expect(rocAucOneVsRest([0, 0, 1, 1], probs, 2)).toBeCloseTo(0.75, 12);
  });
});

describe("log loss", () => {
  it("is the mean negative log probability of the true class", () => {
    // -(ln 0.8 + ln 0.6) / 2
    expect(logLoss([0, 1], [0.8, 0.2, 0.4, 0.6], 2)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
  });

  it("clips zero probabilities so the loss stays finite", () => {
    // p_true = 0 → clipped to 1e-15 → -ln(1e-15) = 34.538776...
    expect(logLoss([1], [1, 0], 2)).toBeCloseTo(34.538776394910684, 9);
    expect(logLoss([1], [1, 0], 2, 1e-7)).toBeCloseTo(-Math.log(1e-7), 9);
  });

  it("checks the probability matrix shape", () => {
    expect(() => logLoss([0, 1], [0.5, 0.5, 1], 2)).toThrow(/2 × 2 = 4/);
  });
});

describe("regression metrics", () => {
  // errors 0.5, -0.5, 0, -1 → squared .25, .25, 0, 1
  const t = [3, -0.5, 2, 7];
  const p = [2.5, 0, 2, 8];

  it("MSE, MAE", () => {
    expect(meanSquaredError(t, p)).toBeCloseTo(1.5 / 4, 12);
    expect(meanAbsoluteError(t, p)).toBeCloseTo(2 / 4, 12);
  });

  it("R² = 1 - SS_res / SS_tot", () => {
    // mean 2.875; SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; SS_res = 1.5
    expect(r2Score(t, p)).toBeCloseTo(1 - 1.5 / 29.1875, 12);
  });

  it("R² of a constant target is 1 for a perfect fit and 0 otherwise", () => {
    expect(r2Score([2, 2], [2, 2])).toBe(1);
    expect(r2Score([2, 2], [1, 2])).toBe(0);
  });

  it("summary includes RMSE", () => {
    const m = regressionMetrics(t, p);
    expect(m.rmse).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(m.rows).toBe(4);
  });
});

describe("summary and slices", () => {
  it("classificationMetrics derives predictions from probabilities", () => {
    // predicted classes [0, 1, 0]; true [0, 1, 1] → accuracy 2/3
    const m = classificationMetrics([0, 1, 1], [0.7, 0.3, 0.2, 0.8, 0.6, 0.4], 2);
    expect(m.accuracy).toBeCloseTo(2 / 3, 12);
    expect(m.confusionMatrix).toEqual([
      [1, 0],
      [1, 1],
    ]);
    // class-1 scores: positives {0.8, 0.4}, negative {0.3} → both win → 1
    expect(m.rocAuc).toBeCloseTo(1, 12);
    expect(m.logLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8) + Math.log(0.4)) / 3, 12);
  });

  it("groups rows by key in first-appearance order", () => {
    const groups = groupRowsBySlice(["b", "a", "b", null]);
    expect([...groups.keys()]).toEqual(["b", "a", null]);
    expect(Array.from(groups.get("b")!)).toEqual([0, 2]);
  });

  it("computes metrics per slice, reporting undefined AUC as null", () => {
    const keys = ["x", "y", "x", "y"];
    const y = [0, 1, 1, 1];
    const probs = [0.9, 0.1, 0.4, 0.6, 0.3, 0.7, 0.8, 0.2];
    const slices = classificationMetricsBySlice(keys, y, probs, 2);
    // slice x = rows 0, 2: predicted [0, 1], true [0, 1] → accuracy 1, AUC 1
    // slice y = rows 1, 3: predicted [1, 0], true [1, 1] → accuracy ½, single class → AUC null
    expect(slices.map((s) => s.slice)).toEqual(["x", "y"]);
    const [x, yy] = slices.map((s) => s.metrics);
    expect(x && "accuracy" in x ? [x.accuracy, x.rocAuc] : x).toEqual([1, 1]);
    expect(yy && "accuracy" in yy ? [yy.accuracy, yy.rocAuc] : yy).toEqual([0.5, null]);
  });

  it("regression metrics per slice", () => {
    const slices = regressionMetricsBySlice([1, 2, 1], [1, 5, 3], [2, 5, 3]);
    // slice 1: rows 0, 2 → errors 1, 0 → MSE 0.5, MAE 0.5; slice 2: perfect
    const first = slices[0]!.metrics;
    expect(first && "mse" in first ? [first.mse, first.mae] : first).toEqual([0.5, 0.5]);
    expect(slices[1]!.rows).toBe(1);
  });

  it("rejects slice keys of the wrong length", () => {
    expect(() => regressionMetricsBySlice([1], [1, 2], [1, 2])).toThrow(/slice keys/);
  });
});
