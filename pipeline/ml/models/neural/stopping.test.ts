import { describe, expect, it } from "vitest";
import { cnnParamsSchema, logisticRegressionParamsSchema, mlpParamsSchema } from "./params";
import { stoppingRule, weightPenalty } from "./stopping";

const observeAll = (observe: (loss: number) => { best: boolean; stop: boolean }, losses: number[]) => losses.map((loss) => observe(loss));

describe("stopping rules", () => {
  it("MLP: scikit-learn's rule stops once more than `patience` epochs in a row fell short of the best by tol, though each one improved", () => {
    const rule = stoppingRule(mlpParamsSchema.parse({ tol: 0.1, patience: 2 }));
    expect(rule).toMatchObject({ watch: "training", restoreBest: false });
    // Short of best − tol at epochs 2, 3, 4 (0.95 > 0.9, 0.92 > 0.85, 0.85 > 0.82): the third is one more than patience.
    expect(observeAll(rule.observe, [1, 0.95, 0.92, 0.85])).toEqual([
      { best: true, stop: false },
      { best: true, stop: false },
      { best: true, stop: false },
      { best: true, stop: true },
    ]);
  });

  it("MLP: an improvement by tol resets the count; early stopping watches the validation loss and keeps the best weights", () => {
    const rule = stoppingRule(mlpParamsSchema.parse({ tol: 0.1, patience: 2, earlyStopping: true }));
    expect(rule).toMatchObject({ watch: "validation", restoreBest: true });
    // Stalled counts: 0, 1, 0 (0.5 < 0.95 − 0.1), 1, 2, 3 (0.45 > 0.5 − 0.1) → stops at the sixth.
    const results = observeAll(rule.observe, [1, 0.95, 0.5, 0.6, 0.55, 0.45]);
    expect(results.map((r) => r.stop)).toEqual([false, false, false, false, false, true]);
    expect(results.map((r) => r.best)).toEqual([true, true, true, false, false, true]);
  });

  it("other networks keep version 1's rule: validation only, stop `patience` epochs after the last improvement by 1e-6", () => {
    expect(stoppingRule(cnnParamsSchema.parse({ earlyStopping: false })).watch).toBe("none");
    const rule = stoppingRule(logisticRegressionParamsSchema.parse({ earlyStopping: true, patience: 2 }));
    expect(rule).toMatchObject({ watch: "validation", restoreBest: true });
    expect(observeAll(rule.observe, [1, 0.9, 0.9 - 1e-7, 0.95])).toEqual([
      { best: true, stop: false },
      { best: true, stop: false },
      { best: false, stop: false },
      { best: false, stop: true },
    ]);
  });

  it("the MLP's alpha becomes TF.js's per-batch L2 factor alpha / (2 · rows per batch); other kinds pass l2 through", () => {
    expect(weightPenalty(mlpParamsSchema.parse({}), 200)).toBeCloseTo(2.5e-7, 15);
    expect(weightPenalty(mlpParamsSchema.parse({ alpha: 0.01 }), 120)).toBeCloseTo(0.01 / 240, 15);
    expect(weightPenalty(cnnParamsSchema.parse({ l2: 0.003 }), 200)).toBe(0.003);
  });
});
