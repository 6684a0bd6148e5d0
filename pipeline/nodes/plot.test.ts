import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileGraph } from "../compiler/compile";
import type { PlotValue } from "../ml/plots/plotSummary";
import { readCsv } from "../ml/table/read-csv";
import { schemaOf } from "../ml/table/table";
import { MemoryArtifactCache } from "../runtime/artifactCache";
import { inMemoryDatasets } from "../runtime/datasets";
import { previewOutput } from "../runtime/previewOutput";
import type { Graph } from "../spec/graph";
import { catalog } from "./catalog";

const irisCsv = readFileSync(new URL("../../public/datasets/iris.csv", import.meta.url), "utf8");
const datasetSchemas = { "sample:iris": schemaOf(readCsv(new TextEncoder().encode(irisCsv))) };
const options = { datasets: inMemoryDatasets({ "sample:iris": irisCsv }), cache: new MemoryArtifactCache() };

function plotGraph(params: Record<string, unknown>): Graph {
  return {
    nodes: [
      { id: "load", kind: "load", params: { dataset: "sample:iris" } },
      { id: "plot", kind: "plot", params },
    ],
    edges: [{ source: "load", sourceHandle: "table", target: "plot", targetHandle: "table" }],
  };
}

/** Compiles the graph and previews the plot node's output, as the canvas does. */
async function plotOf(params: Record<string, unknown>): Promise<PlotValue> {
  const compiled = compileGraph(plotGraph(params), catalog, { datasetSchemas });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const preview = await previewOutput(compiled.spec, "plot", "plot", options);
  if (preview.kind !== "plot") throw new Error(JSON.stringify(preview));
  return preview.plot;
}

describe("Plot node", () => {
  it("scatters every iris row, coloured by species", async () => {
    const plot = await plotOf({ chart: "scatter", x: "petal_length_cm", y: "petal_width_cm", color: "species" });
    if (plot.chart !== "scatter") throw new Error(plot.chart);
    expect(plot.points).toHaveLength(150);
    expect(plot.points[0]).toEqual({ x: 1.4, y: 0.2, color: "setosa" });
    expect(new Set(plot.points.map((p) => p.color))).toEqual(new Set(["setosa", "versicolor", "virginica"]));
  });

  it("bins a histogram on round edges with one set of edges per species", async () => {
    const plot = await plotOf({ chart: "histogram", x: "petal_length_cm", color: "species", bins: 6 });
    if (plot.chart !== "histogram") throw new Error(plot.chart);
    expect(plot.groups.map((g) => g.name)).toEqual(["setosa", "versicolor", "virginica"]);
    // Petal length spans 1 to 6.9: a step of 1 gives edges 1, 2, … 7.
    expect(plot.groups[0]!.bins.map((b) => b.x0)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plot.groups.flatMap((g) => g.bins).reduce((sum, b) => sum + b.count, 0)).toBe(150);
    // Every setosa petal is under 2 cm.
    expect(plot.groups[0]!.bins[0]!.count).toBe(50);
  });

  it("summarises box plots per species and the correlation matrix of the numeric columns", async () => {
    const box = await plotOf({ chart: "box", y: "sepal_length_cm", color: "species" });
    if (box.chart !== "box") throw new Error(box.chart);
    expect(box.boxes.map((b) => [b.name, b.count, b.median])).toEqual([
      ["setosa", 50, 5],
      ["versicolor", 50, 5.9],
      ["virginica", 50, 6.5],
    ]);
    const correlation = await plotOf({ chart: "correlation" });
    if (correlation.chart !== "correlation") throw new Error(correlation.chart);
    expect(correlation.variables).toEqual(["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]);
    expect(correlation.matrix[2]![2]).toBe(1);
    // Fisher's iris: petal length and width correlate at r ≈ 0.963.
    expect(correlation.matrix[2]![3]).toBeCloseTo(0.963, 3);
    expect(correlation.matrix[3]![2]).toBe(correlation.matrix[2]![3]);
  });

  it("asks for the columns a chart needs and for numeric axes", () => {
    const diagnostics = (params: Record<string, unknown>) =>
      compileGraph(plotGraph(params), catalog, { datasetSchemas }).diagnostics.map((d) => ({ param: d.param, code: d.code }));
    expect(diagnostics({ chart: "scatter", x: "petal_length_cm" })).toEqual([{ param: "y", code: "invalid-param" }]);
    expect(diagnostics({ chart: "histogram", x: "species" })).toEqual([{ param: "x", code: "invalid-column-type" }]);
    expect(diagnostics({ chart: "box", y: "nope" })).toEqual([{ param: "y", code: "unknown-column" }]);
  });
});
