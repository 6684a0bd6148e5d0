import { describe, expect, it } from "vitest";
import { metricCell, metricColumns, type Evaluation } from "./metricColumns";

describe("metricColumns", () => {
  it("shows one Evaluate node's headline metrics, best known first, at most three", () => {
    const runs = [{ evaluations: [{ nodeId: "evaluate-1", label: null, metrics: { logLoss: 0.3, macroF1: 0.9, accuracy: 0.93, weightedF1: 0.91 } }] }];
    expect(metricColumns(runs).map((c) => c.heading)).toEqual(["accuracy", "macro F1", "log loss"]);
  });

  it("gives each Evaluate node its headline metric before any second one, named by the newest label", () => {
    const runs: { evaluations: Evaluation[] }[] = [
      { evaluations: [{ nodeId: "evaluate-2", label: "Boosted trees", metrics: { accuracy: 0.95, macroF1: 0.94 } }] },
      {
        evaluations: [
          { nodeId: "evaluate-1", label: null, metrics: { accuracy: 0.9, macroF1: 0.88 } },
          { nodeId: "evaluate-2", label: "Old name", metrics: { accuracy: 0.91 } },
        ],
      },
    ];
    const columns = metricColumns(runs);
    expect(columns.map((c) => c.heading)).toEqual(["accuracy · Boosted trees", "accuracy · evaluate-1", "macro F1 · Boosted trees"]);
    expect(metricCell(runs[1]!, columns[2]!)).toBeNull();
    expect(metricCell(runs[1]!, columns[1]!)).toBe(0.9);
  });

  it("has no columns when no run was evaluated", () => {
    expect(metricColumns([{ evaluations: [] }])).toEqual([]);
  });
});
