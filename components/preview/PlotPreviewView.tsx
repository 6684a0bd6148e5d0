"use client";

import type * as Plot from "@observablehq/plot";
import { useMemo } from "react";
import { ChartLegend } from "@/components/charts/ChartLegend";
import { colorScale } from "@/components/charts/chartStyle";
import { ObservablePlot, type PlotModule } from "@/components/charts/ObservablePlot";
import type { PlotValue } from "@/pipeline/ml/plots/plotSummary";

const LABELS = { labelAnchor: "center" as const, labelArrow: "none" as const };

/** A plot node's output as a chart (Observable Plot): scatter, stacked histogram, box plots or a correlation heatmap. */
export function PlotPreviewView({ plot }: { plot: PlotValue }) {
  const build = useMemo(() => (plotLib: PlotModule) => plotValueOptions(plotLib, plot), [plot]);
  const groups = legendOf(plot);
  return (
    <figure className="flex flex-col gap-1" data-testid="plot-node-chart" data-chart={plot.chart}>
      <ObservablePlot label={titleOf(plot)} build={build} className="w-full max-w-xl" />
      {plot.chart === "scatter" && plot.points.length < plot.rows && (
        <p className="text-[11px] text-slate-500">
          Showing {plot.points.length} of {plot.rows} rows (evenly spaced rows, and only those with both values).
        </p>
      )}
      {groups.length > 1 && <ChartLegend names={groups} shape="dot" />}
    </figure>
  );
}

function titleOf(plot: PlotValue): string {
  switch (plot.chart) {
    case "scatter":
      return `${plot.y} against ${plot.x}`;
    case "histogram":
      return `Histogram of ${plot.x}`;
    case "box":
      return `Box plot of ${plot.y}`;
    case "correlation":
      return "Correlation matrix";
  }
}

function legendOf(plot: PlotValue): string[] {
  switch (plot.chart) {
    case "scatter":
      return plot.color === undefined ? [] : [...new Set(plot.points.map((p) => p.color ?? ""))];
    case "histogram":
      return plot.color === undefined ? [] : plot.groups.map((g) => g.name);
    default:
      return [];
  }
}

function plotValueOptions(plotLib: PlotModule, plot: PlotValue): Plot.PlotOptions {
  const frame = { width: 520, height: 300, marginLeft: 56, marginBottom: 40 };
  switch (plot.chart) {
    case "scatter": {
      const groups = legendOf(plot);
      return {
        ...frame,
        x: { label: plot.x, ...LABELS },
        y: { label: plot.y, ...LABELS, grid: true },
        color: colorScale(groups.length > 0 ? groups : [""]),
        marks: [plotLib.dot(plot.points, { x: "x", y: "y", fill: plot.color === undefined ? () => "" : "color", r: 2.5, fillOpacity: 0.75 })],
      };
    }
    case "histogram": {
      const bars = plot.groups.flatMap((g) => g.bins.map((b) => ({ ...b, group: g.name })));
      return {
        ...frame,
        x: { label: plot.x, ...LABELS },
        y: { label: "count", ...LABELS, grid: true },
        color: colorScale(plot.groups.map((g) => g.name)),
        marks: [plotLib.rectY(bars, { x1: "x0", x2: "x1", y: "count", fill: "group", insetLeft: 0.5, insetRight: 0.5 }), plotLib.ruleY([0])],
      };
    }
    case "box": {
      // Ungrouped data is one box named after its column.
      const boxes = plot.boxes.map((b) => ({ ...b, name: b.name === "" ? plot.y : b.name }));
      const outliers = boxes.flatMap((b) => b.outliers.map((value) => ({ name: b.name, value })));
      const names = boxes.map((b) => b.name);
      return {
        ...frame,
        x: { label: plot.color ?? null, ...LABELS, type: "band", domain: names },
        y: { label: plot.y, ...LABELS, grid: true },
        color: colorScale(names),
        marks: [
          plotLib.ruleX(boxes, { x: "name", y1: "low", y2: "high", stroke: "#64748b" }),
          plotLib.barY(boxes, { x: "name", y1: "q1", y2: "q3", fill: "name", fillOpacity: 0.35, stroke: "name", insetLeft: 12, insetRight: 12 }),
          plotLib.tickY(boxes, { x: "name", y: "median", stroke: "name", strokeWidth: 2, insetLeft: 12, insetRight: 12 }),
          plotLib.dot(outliers, { x: "name", y: "value", r: 2, stroke: "#64748b" }),
        ],
      };
    }
    case "correlation": {
      const cells = plot.variables.flatMap((a, i) => plot.variables.map((b, j) => ({ a, b, r: plot.matrix[i]![j]! })));
      return {
        ...frame,
        height: Math.max(220, 60 + plot.variables.length * 36),
        marginLeft: 120,
        marginBottom: 90,
        x: { label: null, domain: plot.variables, tickRotate: -30 },
        y: { label: null, domain: plot.variables },
        color: { type: "linear", scheme: "RdBu", domain: [-1, 1], legend: true, label: "Pearson r" },
        marks: [
          plotLib.cell(cells, { x: "a", y: "b", fill: "r" }),
          plotLib.text(cells, {
            x: "a",
            y: "b",
            text: (d: { r: number | null }) => (d.r === null ? "–" : d.r.toFixed(2)),
            // Light text on the saturated ends of the scale, so every value stays legible.
            fill: (d: { r: number | null }) => (Math.abs(d.r ?? 0) > 0.6 ? "white" : "#0f172a"),
            fontSize: 10,
          }),
        ],
      };
    }
  }
}
