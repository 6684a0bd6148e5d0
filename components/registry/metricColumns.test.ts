import { describe, expect, it } from "vitest";
import { metricColumns } from "./metricColumns";

describe("metricColumns", () => {
  it("takes the union of metric names, quality metrics first, with the best value per column", () => {
    const columns = metricColumns([
      { metrics: { logLoss: 0.4, accuracy: 0.93 } },
      { metrics: { accuracy: 0.95, logLoss: 0.2, trainMs: 120 } },
      { metrics: { accuracy: 0.91, logLoss: 0.3, trainMs: 80, rmse: 1.5 } },
    ]);
    expect(columns).toEqual([
      { name: "accuracy", best: 0.95 },
      { name: "logLoss", best: 0.2 },
      { name: "rmse", best: null },
      { name: "trainMs", best: 80 },
    ]);
  });

  it("has no columns without metrics and highlights nothing for a single version", () => {
    expect(metricColumns([])).toEqual([]);
    expect(metricColumns([{ metrics: { r2: 0.8 } }])).toEqual([{ name: "r2", best: null }]);
  });
});
