"use client";

import type * as Plot from "@observablehq/plot";
import { useMemo } from "react";
import type { PlotOutput } from "@/contracts/notebookCells";
import { ChartLegend } from "./ChartLegend";
import { colorScale } from "./chartStyle";
import { ObservablePlot, type PlotModule } from "./ObservablePlot";

/** A notebook `display.plot(...)` output drawn with Observable Plot: line, scatter, bar and (pre-binned) histogram. */
export function PlotChart({ plot }: { plot: PlotOutput }) {
  const build = useMemo(() => (plotLib: PlotModule) => plotOptions(plotLib, plot), [plot]);
  const groups = plot.group === undefined ? [] : [...new Set(plot.group)];
  return (
    <figure className="flex flex-col gap-1" data-testid="plot" data-kind={plot.kind}>
      <ObservablePlot label={plot.title ?? `${plot.kind} plot`} build={build} className="w-full max-w-xl" />
      {groups.length > 0 && <ChartLegend names={groups} shape={plot.kind === "line" ? "line" : "dot"} />}
    </figure>
  );
}

function plotOptions(plotLib: PlotModule, plot: PlotOutput): Plot.PlotOptions {
  const data = plot.x.map((x, i) => ({ x, y: plot.y[i]!, group: plot.group?.[i] ?? "" }));
  const groups = [...new Set(data.map((d) => d.group))];
  const colored = plot.group !== undefined;
  const frame = {
    title: plot.title,
    width: 480,
    height: 260,
    marginLeft: 52,
    y: { label: plot.yLabel ?? "y", labelArrow: "none" as const, grid: true },
    color: colorScale(groups),
  };
  const xAxis = { label: plot.xLabel ?? "x", labelAnchor: "center" as const, labelArrow: "none" as const };
  const fill = colored ? "group" : colorScale([""]).range[0];
  switch (plot.kind) {
    case "scatter":
      return { ...frame, x: xAxis, marks: [plotLib.dot(data, { x: "x", y: "y", fill, r: 2.5, fillOpacity: 0.75 })] };
    case "line":
      return { ...frame, x: xAxis, marks: [plotLib.lineY(data, { x: "x", y: "y", stroke: colored ? "group" : fill, strokeWidth: 1.5 })] };
    case "bar":
    case "histogram": {
      if (data.some((d) => typeof d.x === "string")) {
        return { ...frame, x: { ...xAxis, type: "band" }, marks: [plotLib.barY(data, { x: "x", y: "y", fill }), plotLib.ruleY([0])] };
      }
      // Numeric bars (histograms arrive as bin centres): each spans half the smallest gap either side of its x.
      const half = barStep(data.map((d) => d.x as number)) / 2;
      const bars = data.map((d) => ({ ...d, x0: (d.x as number) - half, x1: (d.x as number) + half }));
      // Pixels between bars: histogram bars touch, as their bins do.
      const inset = plot.kind === "histogram" ? 0.5 : 2;
      return { ...frame, x: xAxis, marks: [plotLib.rectY(bars, { x1: "x0", x2: "x1", y: "y", fill, inset }), plotLib.ruleY([0])] };
    }
  }
}

/** Smallest gap between bar positions: each bar's width (1 for a single bar). */
function barStep(xs: number[]): number {
  const sorted = [...new Set(xs)].sort((a, b) => a - b);
  let step = Infinity;
  for (let i = 1; i < sorted.length; i++) step = Math.min(step, sorted[i]! - sorted[i - 1]!);
  return Number.isFinite(step) ? step : 1;
}
