"use client";

import type * as Plot from "@observablehq/plot";
import { useMemo } from "react";
import { ChartLegend } from "./ChartLegend";
import { colorScale, tick } from "./chartStyle";
import { ObservablePlot, type PlotModule } from "./ObservablePlot";

export interface LineSeries {
  name: string;
  points: { x: number; y: number }[];
}

/** Short series get a dot per point, so a curve of one or two epochs is still visible. */
const DOTS_UP_TO = 40;

/**
 * Training curves, trial scores and request counts as lines (Observable Plot), with labelled axes.
 * The y axis is named by `yLabel`, else by the only series, else by the title.
 */
export function LineChart({
  series,
  xLabel,
  yLabel,
  title,
  empty = "No data yet.",
  yDomain,
}: {
  series: LineSeries[];
  xLabel: string;
  yLabel?: string;
  title: string;
  empty?: string;
  /** A fixed y range (e.g. [0, 1] for accuracy), so one point or a flat line is not drawn at a magnified scale. */
  yDomain?: [number, number];
}) {
  // Curves stream in as new arrays each render; redraw only when a value changed.
  const fingerprint = JSON.stringify(series);
  const yName = yLabel ?? (series.length === 1 ? series[0]!.name : title);
  const [yLow, yHigh] = yDomain ?? [];
  const build = useMemo(
    () => (plotLib: PlotModule) =>
      lineChartOptions(plotLib, JSON.parse(fingerprint) as LineSeries[], xLabel, yName, yLow === undefined || yHigh === undefined ? undefined : [yLow, yHigh]),
    [fingerprint, xLabel, yName, yLow, yHigh],
  );
  if (series.every((s) => s.points.length === 0))
    return (
      <p role="note" aria-label={title} className="text-xs text-slate-500">
        {empty}
      </p>
    );
  return (
    <figure className="flex flex-col gap-1">
      <ObservablePlot label={title} build={build} className="w-full max-w-md" />
      <ChartLegend names={series.map((s) => s.name)} />
    </figure>
  );
}

function lineChartOptions(plotLib: PlotModule, series: LineSeries[], xLabel: string, yLabel: string, yDomain?: [number, number]): Plot.PlotOptions {
  const data = series.flatMap((s) => s.points.map((p) => ({ series: s.name, x: p.x, y: p.y })));
  return {
    width: 320,
    height: 170,
    marginLeft: 44,
    x: { label: xLabel, labelAnchor: "center", labelArrow: "none", ...xTicks(data.map((d) => d.x)) },
    // Short labels: a flat series (validation accuracy stuck at 0.9333…) was labelled in full and cut off at the margin.
    y: { label: yLabel, labelArrow: "none", grid: true, ticks: 5, tickFormat: tick, ...(yDomain === undefined ? {} : { domain: yDomain }) },
    color: colorScale(series.map((s) => s.name)),
    marks: [
      plotLib.lineY(data, { x: "x", y: "y", stroke: "series", strokeWidth: 1.5 }),
      ...(data.length <= DOTS_UP_TO ? [plotLib.dot(data, { x: "x", y: "y", fill: "series", r: 2 })] : []),
    ],
  };
}

/** Epochs, rounds and trials are whole numbers: tick them at whole steps (about five), never at 1.5 or "2.0". */
function xTicks(xs: number[]): { ticks: number | number[]; tickFormat?: string } {
  if (xs.length === 0 || !xs.every(Number.isInteger)) return { ticks: 5 };
  const low = Math.min(...xs);
  const high = Math.max(...xs);
  const step = Math.max(1, Math.ceil((high - low) / 5));
  const ticks: number[] = [];
  for (let x = low; x <= high; x += step) ticks.push(x);
  return { ticks, tickFormat: "d" };
}
