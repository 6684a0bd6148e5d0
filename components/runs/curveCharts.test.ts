import { describe, expect, it } from "vitest";
import { curveCharts } from "./curveCharts";

const points = (...values: number[]) => values.map((value, i) => ({ epoch: i + 1, value }));

describe("curveCharts", () => {
  it("draws losses and scores on separate charts, and only the charts a node has", () => {
    const charts = curveCharts({ loss: points(0.9, 0.4), valLoss: points(1, 0.6), validation: points(0.8, 0.9) });
    expect(charts.map((c) => [c.title, c.series.map((s) => s.name)])).toEqual([
      ["loss", ["loss", "valLoss"]],
      ["scores", ["validation"]],
    ]);
    // A tuner reports trial scores and the best so far, no loss.
    expect(curveCharts({ accuracy: points(0.7, 0.8), best: points(0.7, 0.8) }).map((c) => c.title)).toEqual(["scores"]);
    expect(curveCharts({})).toEqual([]);
  });
});
