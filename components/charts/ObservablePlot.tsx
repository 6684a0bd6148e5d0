"use client";

import type { PlotOptions } from "@observablehq/plot";
import { useEffect, useRef } from "react";

export type PlotModule = typeof import("@observablehq/plot");
/** Builds a chart's options from the Plot module, which is loaded only when a chart is first drawn. */
export type PlotBuilder = (plot: PlotModule) => PlotOptions;

// Observable Plot and its d3 modules are ~250 KB of script that no page needs to draw its first view,
// so they load with the first chart rather than with every page that might show one.
let plotModule: Promise<PlotModule> | undefined;
function loadPlot(): Promise<PlotModule> {
  plotModule ??= import("@observablehq/plot");
  return plotModule;
}

/**
 * Draws an Observable Plot chart into a div. Plot builds real DOM (not React elements), so the SVG is made in an
 * effect, swapped whole when the options change, and removed on unmount. The wrapper carries the accessible name.
 */
export function ObservablePlot({ build, label, className }: { build: PlotBuilder; label: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (host === null) return;
    let chart: Element | undefined;
    let current = true;
    void loadPlot().then((Plot) => {
      if (!current) return;
      chart = Plot.plot({ style: { fontSize: "10px", background: "transparent" }, ...build(Plot) });
      host.replaceChildren(chart);
    });
    return () => {
      current = false;
      chart?.remove();
    };
  }, [build]);
  return <div ref={ref} role="img" aria-label={label} className={className} />;
}
